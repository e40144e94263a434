import ArgumentParser
import QMSForms

/// How a command ended badly: the message for stderr and the documented exit code.
struct Failure: Error {
    enum Code: Int32 {
        case invalidData = 1, usage = 2, badTemplate = 3, io = 4, refused = 5
    }

    var code: Code
    var message: String

    /// Maps what the library throws to an exit code.
    init(_ error: Error) {
        switch error {
        case let e as Failure: self = e
        case let e as RecordError: self.init(.invalidData, e.description)
        case let e as DataError: self.init(.invalidData, e.description)
        case let e as TemplateError:
            if case .notFound = e.reason { self.init(.usage, e.description) } else { self.init(.badTemplate, e.description) }
        case let e as SettingsError: self.init(.badTemplate, e.description)
        case let e as OutputError: self.init(.io, e.description)
        case let e as ArchiveError:
            switch e {
            case .notControlled, .missingBy, .missingReason, .unknownRecord: self.init(.usage, e.description)
            case .numberGiven: self.init(.invalidData, e.description)
            case .bagExists, .io: self.init(.io, e.description)
            default: self.init(.refused, e.description)
            }
        case let e as ChangeControlError:
            switch e {
            case .tampered: self.init(.badTemplate, e.description)
            case .io: self.init(.io, e.description)
            case .unknownDocument, .notAWorkspace, .badDate, .noSuchRevision: self.init(.usage, e.description)
            default: self.init(.refused, e.description)
            }
        case let e as PrintError:
            if case .badInput = e { self.init(.usage, e.description) } else { self.init(.io, e.description) }
        default: self.init(.io, "\(error)")
        }
    }

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

