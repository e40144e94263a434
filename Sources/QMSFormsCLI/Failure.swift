import ArgumentParser
import QMSForms

/// How a command ended badly: the message for stderr and the documented exit code.
///
/// The one place where an error's ``ErrorCategory`` becomes an exit code.
struct Failure: Error {
    enum Code: Int32 {
        case invalidData = 1, usage = 2, badTemplate = 3, io = 4, refused = 5

        init(_ category: ErrorCategory) {
            self = switch category {
            case .invalidData: .invalidData
            case .usage: .usage
            case .badTemplate: .badTemplate
            case .io: .io
            case .refused: .refused
            }
        }
    }

    var code: Code
    var message: String
    /// The library's error, when there was one (for `--format json`).
    var error: (any QMSError)?

    /// Maps what the library throws to an exit code.
    init(_ error: Error) {
        switch error {
        case let e as Failure: self = e
        case let e as any QMSError:
            self.init(Code(e.category), e.description)
            self.error = e
        default:
            // Every library error is a QMSError; anything else is a bug worth reporting as one.
            self.init(.io, "unexpected failure (\(type(of: error))); please report it with the command that caused it")
        }
    }

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
