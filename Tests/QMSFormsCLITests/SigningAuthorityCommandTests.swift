import ComplianceTags
import Foundation
import Testing

/// `qmsforms ca init` makes the workspace's signing CA once, logged with its fingerprint; accounts
/// added after it carry a certificate the CA issued (checked by openssl) and a key sealed under
/// their password, never in the clear.
@Suite struct SigningAuthorityCommandTests {
    @Test(.tags(.cfr11_100)) func theCAIssuesEachNewAccountACertificate() throws {
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        func q(_ args: [String], input: String? = nil) throws -> CLI.Result {
            try CLI.run(CLI.binary, args, in: f.ws, input: input.map { Data($0.utf8) })
        }
        let made = try q(["ca", "init", "--by", "管理员"])
        #expect(made.status == 0 && made.stdout.contains("signing-ca/ca.pem\tSHA-256 "), "\(made.stderr)")
        let again = try q(["ca", "init", "--by", "管理员"])
        #expect(again.status == 2 && again.stderr.contains("already has a signing CA"), "\(again.stderr)")
        var info = stat()
        #expect(stat(f.ws.appendingPathComponent(".qms/signing-ca/ca-key.pem").path, &info) == 0 && info.st_mode & 0o777 == 0o600)

        let added = try q(["user", "add", "wang.fang", "--display", "王芳", "--dept", "质管部", "--role", "review", "--password-stdin",
                           "--by", "管理员"], input: "correct horse battery\n")
        #expect(added.status == 0, "\(added.stderr)")
        // The certificate as stored, checked against the CA by openssl.
        let store = f.ws.appendingPathComponent(".qms/accounts.sqlite")
        let json = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c",
            "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT account FROM accounts WHERE name = 'wang.fang'\").fetchone()[0])",
            store.path], in: f.ws)
        let account = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let signing = try #require(account["signing"] as? [String: Any])
        let der = try #require(Data(base64Encoded: signing["certificate"] as? String ?? ""))
        let pem = "-----BEGIN CERTIFICATE-----\n" + der.base64EncodedString(options: .lineLength64Characters) + "\n-----END CERTIFICATE-----\n"
        let certFile = f.ws.appendingPathComponent("wang.pem")
        try Data(pem.utf8).write(to: certFile)
        let ca = f.ws.appendingPathComponent(".qms/signing-ca/ca.pem").path
        let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
        let verified = try CLI.run(openssl, ["verify", "-CAfile", ca, certFile.path], in: f.ws)
        #expect(verified.status == 0 && verified.stdout.contains(": OK"), "\(verified.stdout)\(verified.stderr)")
        let text = try CLI.run(openssl, ["x509", "-in", certFile.path, "-noout", "-subject", "-ext", "keyUsage"], in: f.ws).stdout
        #expect(text.contains("王芳") || text.contains("\\E7\\8E\\8B"), "\(text)")
        #expect(text.contains("Digital Signature") && text.contains("Non Repudiation"), "\(text)")
        #expect(!json.stdout.contains("PRIVATE KEY") && !json.stdout.contains("correct horse"))

        let log = try String(contentsOf: f.archive.appendingPathComponent("audit.log"), encoding: .utf8)
        #expect(log.contains("signing CA created") && log.contains("wang.fang: signing certificate issued, serial \(signing["serial"] as? String ?? "?")"))
        #expect(try q(["archive", "verify"]).status == 0)
    }
}
