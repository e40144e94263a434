import ComplianceTags
import Foundation
import Testing

/// `qmsforms user`: accounts made with a password from standard input, listed without it,
/// disabled and re-keyed, each change in the audit trail under who did it.
@Suite struct UserCommandTests {
    @Test(.tags(.cfr11_10e, .cfr11_10d)) func accountsAreManagedAndLogged() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        func q(_ args: [String], input: String? = nil) throws -> CLI.Result {
            try CLI.run(CLI.binary, args, in: f.ws, input: input.map { Data($0.utf8) })
        }
        let added = try q(["user", "add", "wangfang", "--display", "王芳", "--dept", "quality", "--role", "record", "--role", "review",
                           "--password-stdin", "--by", "管理员"], input: "correct horse battery\n")
        #expect(added.status == 0 && added.stdout == "wangfang\t王芳\trecord review\n", "\(added.stderr)")
        let again = try q(["user", "add", "wangfang", "--display", "王芳", "--role", "record", "--password-stdin", "--by", "管理员"], input: "another long one\n")
        #expect(again.status == 5 && again.stderr.contains("exists already"), "\(again.stderr)")
        let short = try q(["user", "add", "lisi", "--display", "李四", "--role", "record", "--password-stdin", "--by", "管理员"], input: "short\n")
        #expect(short.status == 1 && short.stderr.contains("too short"), "\(short.stderr)")
        #expect(try q(["user", "reset-password", "wangfang", "--password-stdin", "--by", "管理员"], input: "a new long secret\n").status == 0)
        #expect(try q(["user", "disable", "wangfang", "--by", "管理员"]).status == 0)
        let list = try q(["user", "list", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["disabled"] as? Bool == true && rows[0]["displayName"] as? String == "王芳")
        #expect(!list.stdout.contains("$2") && !list.stdout.contains("secret"), "no hash, no password in the list")
        let log = try String(contentsOf: f.archive.appendingPathComponent("audit.log"), encoding: .utf8)
        #expect(log.components(separatedBy: "\"action\":\"account\"").count - 1 == 3 && log.contains("\"actor\":\"管理员\""))
        #expect(!log.contains("correct horse") && !log.contains("a new long secret"))
        #expect(try q(["archive", "verify"]).status == 0)
        var info = stat()
        #expect(stat(f.ws.appendingPathComponent(".qms/accounts.sqlite").path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }
}
