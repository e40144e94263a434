import ArgumentParser
import Foundation

@main
struct Entry {
    static func main() async {
        // A size-limited file system must give an error, not kill the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try QMSCommand.parseAsRoot()
            if var work = command as? any AsyncParsableCommand { try await work.run() } else { try command.run() }
        } catch let failure as Failure {
            writeDiagnostic("qmsforms: " + failure.message + "\n")
            exit(failure.code.rawValue)
        } catch {
            let code = QMSCommand.exitCode(for: error)
            if code == .success {
                print(QMSCommand.fullMessage(for: error))
                exit(0)
            }
            if code.rawValue == ExitCode.validationFailure.rawValue || error is ValidationError {
                writeDiagnostic(QMSCommand.fullMessage(for: error) + "\n")
                exit(Failure.Code.usage.rawValue)
            }
            let failure = Failure(error)
            writeDiagnostic("qmsforms: " + failure.message + "\n")
            exit(failure.code.rawValue)
        }
    }
}
