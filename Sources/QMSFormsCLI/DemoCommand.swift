import ArgumentParser
import Foundation
import QMSForms
import QMSFormsDemo

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Issue a realistic, deterministic year of records (~1,900, all linked) into a workspace.",
        discussion: "A folder that is not a workspace yet is made one from --from first. The same year and seed give the same records.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The year the records are dated in.") var year: Int
    @Option(help: "Seed of the choices (customers, ratings, complaint categories).") var seed: UInt64 = 1
    @Option(help: "Shipping notices in the year.") var shipments = 1_700
    @Option(help: "A forms folder to make a new workspace from (default: the built-in forms).") var from: String?

    func run() async throws {
        do {
            var ws = workspace.workspace
            // A shared archive is made with qmsforms init --archive first; a plain folder here becomes a workspace.
            if try workspace.sharedArchive() == nil, !ws.isControlled {
                ws = try await Workspace.create(at: ws.root, from: from.map { .folder(URL(fileURLWithPath: $0)) } ?? .shipped)
            }
            let started = Date()
            let issued = try await DemoYear(year: year, seed: seed, shipments: shipments)
                .issue(into: workspace.archive(), examples: ws.formsDirectory.appendingPathComponent("examples"), by: "demo")
            for (form, numbers) in issued.numbers.sorted(by: { $0.key < $1.key }) {
                print("\(form)\t\(numbers.count)\t\(numbers.first ?? "")…\(numbers.last ?? "")")
            }
            print(String(format: "%d records issued into %@ in %.0f s", issued.total, ws.root.path, Date().timeIntervalSince(started)))
            try await addDemoAccounts(ws, accounts: workspace.accounts())
        } catch { throw Failure(error) }
    }

    /// People to sign in to `qmsforms serve` with, one for each part of the procedure, when the
    /// workspace has no account yet; their passwords are random and shown once.
    private func addDemoAccounts(_ ws: Workspace, accounts: Accounts) async throws {
        guard try await accounts.list().isEmpty else { return }
        let people: [(String, String, String, Set<Principal.Role>)] = [
            ("wang.fang", "王芳", "供销部", [.record]),
            ("li.qiang", "李强", "质管部", [.record, .review]),
            ("chen.gang", "陈刚", "质管部", [.record, .review, .export]),
            ("zhou.jianguo", "周建国", "总经办", [.review, .approve, .release, .dispose]),
            ("admin", "系统管理员", "总经办", [.administer]),
        ]
        let demo = Principal(id: "demo", displayName: "demo", roles: [.administer])
        // A signing CA, so that each person can sign records electronically (qmsforms sign).
        let directory = ws.signingAuthorityDirectory
        let ca = SigningAuthority.exists(in: directory) ? try SigningAuthority.load(from: directory)
            : try await accounts.createSigningAuthority(in: directory, organization: "\(try ws.settings().company.zh) \(try ws.settings().company.en)", by: demo)
        print("accounts for qmsforms serve (passwords are shown only now; change them under Account):")
        for (name, display, dept, roles) in people {
            let password = String(Session.randomToken().prefix(14))
            var account = try Account.new(name: name, displayName: display, department: dept, roles: roles, password: password)
            account.signing = try SigningIdentity.issue(for: account, password: password, by: ca, now: Date())
            try await accounts.add(account, by: demo)
            print("  \(name)\t\(password)\t\(display) \(dept)\t" + roles.map(\.rawValue).sorted().joined(separator: " "))
        }
    }
}
