import ArgumentParser
import Foundation
import QMSForms

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Accounts for qmsforms serve: add, list, disable, reset a password (each logged).",
        subcommands: [UserAddCommand.self, UserListCommand.self, UserDisableCommand.self, UserResetPasswordCommand.self])
}

/// A password: one line of standard input with `--password-stdin`, else asked at the terminal
/// without echo — twice when it is being set (`confirm`).
func readPassword(fromStdin: Bool, for name: String, confirm: Bool = true) throws -> String {
    if fromStdin {
        guard let line = readLine(strippingNewline: true) else { throw Failure(.usage, "--password-stdin: no password on standard input") }
        return line
    }
    guard isatty(STDIN_FILENO) == 1 else { throw Failure(.usage, "give the password at a terminal, or with --password-stdin") }
    func ask(_ prompt: String) -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var old = termios()
        tcgetattr(STDIN_FILENO, &old)
        var quiet = old
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &old); FileHandle.standardError.write(Data("\n".utf8)) }
        return readLine(strippingNewline: true) ?? ""
    }
    let first = ask("password for \(name): ")
    guard confirm else { return first }
    guard ask("again: ") == first else { throw Failure(AccountError.passwordsDiffer) }
    return first
}

struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The sign-in name (a-z, 0-9, . _ -).") var name: String
    @Option(help: "The name as printed, e.g. 王芳.") var display: String
    @Option(help: "The department, e.g. quality.") var dept: String?
    @Option(help: ArgumentHelp("What the person may do (repeat): " + Principal.Role.allCases.map(\.rawValue).joined(separator: ", ")))
    var role: [Principal.Role] = []
    @Flag(help: "Read the password from standard input (one line).") var passwordStdin = false
    @Option(help: "Who adds it (default: $QMS_USER).") var by: String?

    func run() async throws {
        do {
            let accounts = try await workspace.accounts()
            let who = try principal(by, for: "user add")
            let password = try readPassword(fromStdin: passwordStdin, for: name)
            var account = try Account.new(name: name, displayName: display, department: dept, roles: Set(role), password: password)
            let ca = workspace.workspace.signingAuthorityDirectory
            if SigningAuthority.exists(in: ca) {
                account.signing = try SigningIdentity.issue(for: account, password: password, by: try SigningAuthority.load(from: ca), now: Date())
            }
            try await accounts.add(account, by: who)
            print("\(name)\t\(account.displayName)\t" + account.roles.map(\.rawValue).sorted().joined(separator: " "))
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}

struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts (never their passwords).")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() async throws {
        let all: [Account]
        do { all = try await workspace.accounts().list() } catch let failure as Failure { throw failure } catch { throw Failure(error) }
        struct Listed: Encodable { var name, displayName: String; var department: String?; var roles: [String]; var disabled: Bool; var passwordSetAt: String }
        let listed = all.map { Listed(name: $0.name, displayName: $0.displayName, department: $0.department,
                                      roles: $0.roles.map(\.rawValue).sorted(), disabled: $0.disabled, passwordSetAt: $0.passwordSetAt) }
        switch format {
        case .json: try printJSON(listed)
        case .text:
            print(Sheet(header: [], rows: listed.map { [$0.name, $0.displayName, $0.department ?? "", $0.roles.joined(separator: " "),
                                                         $0.disabled ? "disabled" : "active"] }).tsv, terminator: "")
        }
    }
}

struct UserDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account: it cannot sign in; its history stays.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The sign-in name.") var name: String
    @Option(help: "Who disables it (default: $QMS_USER).") var by: String?

    func run() async throws {
        do { try await workspace.accounts().disable(name, by: try principal(by, for: "user disable")) } catch let failure as Failure { throw failure } catch {
            throw Failure(error)
        }
        print("\(name): disabled")
    }
}

struct UserResetPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Give an account a new password; its other sessions end, its signing key is replaced.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The sign-in name.") var name: String
    @Flag(help: "Read the password from standard input (one line).") var passwordStdin = false
    @Option(help: "Who resets it (default: $QMS_USER).") var by: String?

    func run() async throws {
        do {
            let accounts = try await workspace.accounts()
            let who = try principal(by, for: "user reset-password")
            let password = try readPassword(fromStdin: passwordStdin, for: name)
            let ca = workspace.workspace.signingAuthorityDirectory
            try await accounts.resetPassword(name, to: password, by: who, authority: SigningAuthority.exists(in: ca) ? try SigningAuthority.load(from: ca) : nil)
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
        print("\(name): password set")
    }
}
