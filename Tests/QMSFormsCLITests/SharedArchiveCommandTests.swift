import Foundation
import QMSFormsPostgres
import QMSFormsPostgresTesting
import Testing

/// The command line on a shared archive (`qmsforms init --archive postgresql://…`): the register,
/// records, trail and accounts in the database, the workspace folder holding only working copies,
/// settings and keys; a copy of that folder is a second server; a server with another head key is
/// refused before it writes.
@Suite struct SharedArchiveCommandTests {
    @Test func aWorkspaceOnTheDatabaseIsSharedByTwoFolders() async throws {
        let app = try await PostgresCluster.freshDatabase()
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let url = app.description
        let first = f.root.appendingPathComponent("site-a")
        let made = try CLI.run(CLI.binary, ["init", first.path, "--from", CLI.root.appendingPathComponent("forms").path, "--archive", url])
        #expect(made.status == 0 && made.stdout.contains("controlled documents registered"), "\(made.stderr)")
        let settings = try String(contentsOf: first.appendingPathComponent("qms.yaml"), encoding: .utf8)
        #expect(settings == "archive: \(url)\n")
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: first.appendingPathComponent(".qms/register.json").path), "the register is in the database")
        var info = stat()
        #expect(stat(first.appendingPathComponent(".qms/archive-head-key.pem").path, &info) == 0 && info.st_mode & 0o777 == 0o600)

        // A second init on the same database is refused and makes no folder.
        let twice = f.root.appendingPathComponent("site-x")
        let again = try CLI.run(CLI.binary, ["init", twice.path, "--archive", url])
        #expect(again.status != 0 && (again.stderr.contains("already holds a register") || again.stderr.contains("copy .qms/archive-head-key.pem")), "\(again.stderr)")
        #expect(!fm.fileExists(atPath: twice.path))

        func q(_ ws: URL, _ args: [String], input: String? = nil) throws -> CLI.Result {
            try CLI.run(CLI.binary, args, in: ws, input: input.map { Data($0.utf8) })
        }
        let issued = try q(first, ["issue", "8d", f.data("8d"), "--by", "李强"])
        #expect(issued.status == 0 && issued.stdout.hasPrefix("8D-"), "\(issued.stderr)")
        let number = String(issued.stdout.prefix { $0 != "\t" })
        #expect(!fm.fileExists(atPath: first.appendingPathComponent("archive").path), "nothing of the archive is a file here")
        let added = try q(first, ["user", "add", "wangfang", "--display", "王芳", "--role", "record", "--password-stdin", "--by", "管理员"],
                          input: "correct horse battery\n")
        #expect(added.status == 0, "\(added.stderr)")

        // A copy of the folder is a second server: it sees the record and the account at once, and issues the next number.
        let second = f.root.appendingPathComponent("site-b")
        try fm.copyItem(at: first, to: second)
        let listed = try q(second, ["archive", "search", "--form", "8d"])
        #expect(listed.status == 0 && listed.stdout.contains(number), "\(listed.stdout)\(listed.stderr)")
        #expect(try q(second, ["user", "list"]).stdout.contains("wangfang"))
        let next = try q(second, ["issue", "capa", f.data("capa"), "--by", "李强"])
        #expect(next.status == 0, "\(next.stderr)")
        let shown = try q(first, ["archive", "show", String(next.stdout.prefix { $0 != "\t" })])
        #expect(shown.status == 0, "\(shown.stderr)")
        let verified = try q(second, ["archive", "verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        // A folder with another head key is refused before it writes anything.
        let stranger = f.root.appendingPathComponent("site-c")
        try fm.copyItem(at: first, to: stranger)
        try fm.removeItem(at: stranger.appendingPathComponent(".qms/archive-head-key.pem"))
        let refused = try q(stranger, ["issue", "8d", f.data("8d"), "--by", "李强"])
        #expect(refused.status != 0 && refused.stderr.contains("copy .qms/archive-head-key.pem"), "\(refused.stderr)")
        #expect(try q(first, ["archive", "verify"]).status == 0)

        // --archive names the database for a folder whose qms.yaml does not, QMS_ARCHIVE too.
        let plain = f.root.appendingPathComponent("site-d")
        try fm.copyItem(at: first, to: plain)
        try fm.removeItem(at: plain.appendingPathComponent("qms.yaml"))
        #expect(try q(plain, ["archive", "list"]).status != 0, "without the URL the folder is no workspace")
        #expect(try q(plain, ["archive", "list", "--archive", url]).stdout.contains(number))
        let env = try CLI.run(CLI.binary, ["archive", "list"], in: plain, environment: ["QMS_ARCHIVE": url])
        #expect(env.stdout.contains(number), "\(env.stderr)")
    }
}
