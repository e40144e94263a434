import ComplianceTags
import Foundation
import Testing

/// Electronic signatures end to end, as a department uses them: three accounts, an 8D issued,
/// reviewed and approved by two of them with their passwords given again; `xmlsec1` checks every
/// signature with the CA certificate alone, a tampered copy is refused by `xmlsec1` and by
/// `archive verify`, the printed PDF shows both manifestations; a wrong password is refused and
/// logged, and a disabled account's key no longer signs.
@Suite struct ElectronicSignatureTests {
    static let users = [("li.qiang", "李强", "record"), ("wang.fang", "王芳", "review"), ("zhou.jg", "周建国", "approve")]

    /// A workspace with a CA and the three accounts, each with the password `pw-NAME-secret`.
    struct Department {
        let f: ArchiveFixture
        init(ca: Bool = true) throws {
            f = try ArchiveFixture()
            if ca { #expect(try f.q("ca", "init", "--by", "管理员").status == 0) }
            for (name, display, role) in ElectronicSignatureTests.users {
                let added = try q(["user", "add", name, "--display", display, "--role", role, "--role", "record", "--password-stdin", "--by", "管理员"],
                                  input: "pw-\(name)-secret\n")
                #expect(added.status == 0, "\(added.stderr)")
            }
        }

        func q(_ args: [String], input: String? = nil) throws -> CLI.Result {
            try CLI.run(CLI.binary, args, in: f.ws, input: input.map { Data($0.utf8) })
        }

        /// `qmsforms sign NUMBER --meaning MEANING --by NAME`, the password on standard input.
        func sign(_ number: String, _ meaning: String, by name: String, password: String? = nil) throws -> CLI.Result {
            try q(["sign", number, "--meaning", meaning, "--by", name, "--password-stdin"], input: (password ?? "pw-\(name)-secret") + "\n")
        }

        func issue8D() throws -> String {
            let issued = try f.q("issue", "8d", f.data("8d"), "--by", "李强")
            #expect(issued.status == 0, "\(issued.stderr)")
            return String(issued.stdout.split(separator: "\t")[0])
        }

        var caFile: String { f.ws.appendingPathComponent(".qms/signing-ca/ca.pem").path }
        func file(_ number: String, _ name: String) -> URL { f.archive.appendingPathComponent("records/SG-QR-22-02/\(number)/\(name)") }
        var log: String { (try? String(contentsOf: f.archive.appendingPathComponent("audit.log"), encoding: .utf8)) ?? "" }

        /// xmlsec1's verdict on the `n`-th signature of `file`, with the CA certificate as the only trust.
        func xmlsec(_ file: URL, signature n: Int) throws -> CLI.Result {
            try CLI.run(URL(fileURLWithPath: "/usr/bin/xmlsec1"), ["--verify", "--trusted-pem", caFile,
                                                                   "--node-xpath", "(//*[local-name()='Signature'])[\(n)]", file.path], in: f.ws)
        }
    }

    @Test(.tags(.cfr11_50, .cfr11_70, .cfr11_200, .cfr11_10e))
    func anEightDReviewedAndApprovedIsVerifiedByXmlsec1AndShowsBothSignatures() throws {
        let d = try Department()
        defer { d.f.cleanUp() }
        let number = try d.issue8D()

        // A wrong password: refused, nothing signed, the attempt in the audit trail.
        let wrong = try d.sign(number, "reviewed", by: "wang.fang", password: "not-her-password")
        #expect(wrong.status != 0 && wrong.stderr.contains("the password given is not wang.fang's"), "\(wrong.stderr)")
        #expect(d.log.contains("\"action\":\"signingRefused\"") && d.log.contains("wang.fang: signing \(number) as reviewed refused: wrong password"))
        #expect(!FileManager.default.fileExists(atPath: d.file(number, "r1.xml").path))

        let reviewed = try d.sign(number, "reviewed", by: "wang.fang")
        #expect(reviewed.status == 0 && reviewed.stdout.hasPrefix("\(number) r1\treviewed\t王芳"), "\(reviewed.stderr)")
        // Segregation of duties: the reviewer does not also approve, and a meaning is signed once.
        let twice = try d.sign(number, "approved", by: "wang.fang")
        #expect(twice.status != 0, "\(twice.stdout)")
        #expect(try d.sign(number, "reviewed", by: "wang.fang").stderr.contains("already signed as reviewed by 王芳"))
        // The meaning needs its role: 李强 records, he does not approve.
        #expect(try d.sign(number, "approved", by: "li.qiang").stderr.contains("needs the role 'approve'"))
        let approved = try d.sign(number, "approved", by: "zhou.jg")
        #expect(approved.status == 0 && approved.stdout.hasPrefix("\(number) r2\tapproved\t周建国"), "\(approved.stderr)")

        // The independent judge: each signature of the archived XML, with the CA certificate only.
        let signed = d.file(number, "r2.xml")
        for n in 1...2 {
            let judged = try d.xmlsec(signed, signature: n)
            #expect(judged.status == 0 && (judged.stdout + judged.stderr).contains("OK"), "signature \(n): \(judged.stdout)\(judged.stderr)")
        }
        // The earlier revisions are untouched: r1 is r0 plus one signature, r2 is r1 plus one.
        let r0 = try Data(contentsOf: d.file(number, "r0.xml")), r1 = try Data(contentsOf: d.file(number, "r1.xml")), r2 = try Data(contentsOf: signed)
        func beforeEndTag(_ data: Data) -> Data { data.prefix(upTo: data.range(of: Data("</".utf8), options: .backwards)!.lowerBound) }
        #expect(r1.starts(with: beforeEndTag(r0)) && r2.starts(with: beforeEndTag(r1)) && r2.count > r1.count && r1.count > r0.count)
        #expect(try d.xmlsec(d.file(number, "r1.xml"), signature: 1).status == 0)
        // It stays valid against the form's schema.
        let schema = d.f.root.appendingPathComponent("8d.xsd")
        try Data(try d.f.q("schema", "8d").stdout.utf8).write(to: schema)
        #expect(try CLI.run(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--schema", schema.path, signed.path]).status == 0)
        #expect(try d.f.q("archive", "verify").status == 0)

        // The auditor's bag carries the CA certificate and a script that checks every signature with xmlsec1 alone.
        let bag = d.f.root.appendingPathComponent("bag")
        #expect(try d.f.q("archive", "export", "-o", bag.path, "--by", "审核员").status == 0)
        let sh = URL(fileURLWithPath: "/bin/sh"), script = bag.appendingPathComponent("data/verify-signatures.sh").path
        let checked = try CLI.run(sh, [script], in: d.f.root)
        #expect(checked.status == 0 && checked.stdout.contains("3 of 3 signatures verified"), "\(checked.stdout)\(checked.stderr)")
        let bagit = try #require(CLI.which("bagit.py"))
        #expect(try CLI.run(bagit, ["--validate", bag.path]).status == 0)
        let inBag = bag.appendingPathComponent("data/records/SG-QR-22-02/\(number)/r2.xml")
        try Data(String(decoding: r2, as: UTF8.self).replacingOccurrences(of: "周建国</q:Signer>", with: "王芳</q:Signer>").utf8).write(to: inBag)
        let caught = try CLI.run(sh, [script], in: d.f.root)
        #expect(caught.status != 0 && caught.stdout.contains("FAIL  records/SG-QR-22-02/\(number)/r2.xml signature 2"), "\(caught.stdout)")

        // One changed byte in a copy: xmlsec1 refuses both signatures; the signed statement changed: refused too.
        let text = String(decoding: r2, as: UTF8.self)
        let copy = d.f.root.appendingPathComponent("tampered.xml")
        let changed = text.replacingOccurrences(of: "\(number)\"", with: "\(number.dropLast())2\"")
        #expect(changed != text)
        try Data(changed.utf8).write(to: copy)
        for n in 1...2 { #expect(try d.xmlsec(copy, signature: n).status != 0) }
        try Data(text.replacingOccurrences(of: ">周建国</q:Signer>", with: ">王芳</q:Signer>").utf8).write(to: copy)
        #expect(try d.xmlsec(copy, signature: 2).status != 0)

        // The print: both manifestations where the ink would go — name, meaning, time with zone.
        let html = try String(contentsOf: d.file(number, "r2.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "Signed electronically").count == 3)
        let pdf = d.f.root.appendingPathComponent("8d.pdf")
        let printed = try d.f.q("print", number, "--pdf", pdf.path)
        #expect(printed.status == 0, "\(printed.stderr)")
        let tools = try #require(PopplerTools.found)
        let pages = try PDFInspection(pdf, tools: tools).pages.map(\.text).joined(separator: "\n")
        for expected in ["王芳 (wang.fang)", "周建国 (zhou.jg)"] { #expect(pages.contains(expected), "\(expected) not on the printed page") }
        // Each meaning twice: the block's heading, and the signature's own statement of what it means.
        for meaning in ["审核人（质量经理）", "批准人（管理者代表/总经理）"] {
            #expect(pages.components(separatedBy: meaning).count >= 3, "\(meaning) is not stated by its signature on the printed page")
        }
        #expect(pages.components(separatedBy: "电子签名").count == 3)
        #expect(pages.contains(" UTC") || pages.range(of: #"\d\d:\d\d:\d\d [+-]\d\d:\d\d"#, options: .regularExpression) != nil)

        // The archived file changed in place: archive verify finds it.
        try Data(changed.utf8).write(to: signed)
        let verified = try d.f.q("archive", "verify")
        #expect(verified.status != 0 && verified.stderr.contains("\(number) r2"), "\(verified.stderr)")
        try r2.write(to: signed)
        #expect(try d.f.q("archive", "verify").status == 0)

        // Disabled: the certificate is revoked in the trail, and the key no longer signs.
        #expect(try d.q(["user", "disable", "zhou.jg", "--by", "管理员"]).status == 0)
        #expect(d.log.contains("zhou.jg: signing certificate revoked, serial"))
        let next = try d.issue8D()
        let refused = try d.sign(next, "approved", by: "zhou.jg")
        #expect(refused.status != 0 && refused.stderr.contains("disabled"), "\(refused.stderr)")
        #expect(d.log.contains("zhou.jg: signing \(next) as approved refused: the account is disabled"))
        // His earlier signature stays valid: it was made before the revocation.
        #expect(try d.f.q("archive", "verify").status == 0)
    }

    @Test(.tags(.cfr11_300, .cfr11_10e))
    func fiveWrongPasswordsLockSigningForAQuarterOfAnHour() throws {
        let d = try Department()
        defer { d.f.cleanUp() }
        let number = try d.issue8D()
        for attempt in 1...5 {
            let r = try d.sign(number, "reviewed", by: "wang.fang", password: "guess-number-\(attempt)")
            #expect(r.status != 0)
            if attempt == 5 { #expect(r.stderr.contains("signing as wang.fang is locked until"), "\(r.stderr)") }
        }
        // The right password no longer helps until the lock ends; every attempt is in the trail.
        let locked = try d.sign(number, "reviewed", by: "wang.fang")
        #expect(locked.status != 0 && locked.stderr.contains("locked until"), "\(locked.stderr)")
        #expect(d.log.components(separatedBy: "\"action\":\"signingRefused\"").count == 7)
        #expect(d.log.contains("signing locked until"))
        // Signing is locked, not sign-in: the account is otherwise as it was.
        #expect(try d.q(["user", "list"]).stdout.contains("wang.fang"))
    }

    @Test(.tags(.cfr11_100, .cfr11_300))
    func keysFollowTheAccountThroughAResetAndAccountsFromBeforeTheCAGetOneAtTheirFirstSignature() throws {
        let d = try Department(ca: false)
        defer { d.f.cleanUp() }
        let number = try d.issue8D()
        // No CA yet: nothing can be signed, and the message says what to do.
        #expect(try d.sign(number, "reviewed", by: "wang.fang").stderr.contains("qmsforms ca init"))
        #expect(try d.f.q("ca", "init", "--by", "管理员").status == 0)
        // Her account predates the CA: her key is issued at her first signature, with her password.
        #expect(try d.sign(number, "reviewed", by: "wang.fang").status == 0)
        #expect(d.log.contains("wang.fang: signing certificate issued, serial"))
        // An administrator cannot open her key: a reset issues a new one and revokes the old certificate.
        let reset = try d.q(["user", "reset-password", "zhou.jg", "--password-stdin", "--by", "管理员"], input: "a-new-secret-for-zhou\n")
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(try d.sign(number, "approved", by: "zhou.jg", password: "a-new-secret-for-zhou").status == 0)
        let r = try d.q(["user", "reset-password", "wang.fang", "--password-stdin", "--by", "管理员"], input: "another-secret-for-wang\n")
        #expect(r.status == 0 && d.log.contains("wang.fang: signing certificate revoked, serial"), "\(r.stderr)")
        // Signatures made before a revocation stay valid.
        #expect(try d.f.q("archive", "verify").status == 0)
        #expect(try d.xmlsec(d.file(number, "r2.xml"), signature: 1).status == 0)
        // A replaced CA certificate is found: the trail logged the real one's fingerprint.
        let ca = URL(fileURLWithPath: d.caFile)
        let original = try Data(contentsOf: ca)
        let other = try ArchiveFixture()
        defer { other.cleanUp() }
        #expect(try other.q("ca", "init", "--by", "管理员").status == 0)
        try Data(contentsOf: other.ws.appendingPathComponent(".qms/signing-ca/ca.pem")).write(to: ca)
        let verified = try d.f.q("archive", "verify")
        #expect(verified.status != 0 && verified.stderr.contains("is not the CA certificate the audit trail logged"), "\(verified.stderr)")
        try original.write(to: ca)
    }

    @Test(.tags(.iso7_5_2, .cfr11_200))
    func aDocumentRevisionIsApprovedWithSignedApprovals() throws {
        let d = try Department()
        defer { d.f.cleanUp() }
        let capa = d.f.ws.appendingPathComponent("forms/capa.xml")
        let text = try String(contentsOf: capa, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Corrective &amp; Preventive Action Form", with: "Corrective and Preventive Action Form").utf8).write(to: capa)
        #expect(try d.q(["revise", "capa", "--summary", "英文标题", "--pages", "P1", "--order", "DCR-2026-010", "--by", "李强"]).status == 0)
        let approve = { (role: String, name: String, password: String) in
            try d.q(["approve", "capa", "--role", role, "--by", name, "--sign", "--password-stdin"], input: password + "\n")
        }
        #expect(try d.q(["user", "add", "chen.gang", "--display", "陈刚", "--role", "review", "--password-stdin", "--by", "管理员"],
                        input: "pw-chen.gang-secret\n").status == 0)
        #expect(try approve("prepared", "wang.fang", "pw-wang.fang-secret").status == 0)
        #expect(try approve("reviewed", "chen.gang", "pw-wang.fang-secret").stderr.contains("the password given is not chen.gang's"))
        let reviewed = try approve("reviewed", "chen.gang", "pw-chen.gang-secret")
        #expect(reviewed.status == 0 && reviewed.stdout.contains("reviewed by 陈刚, signed electronically"), "\(reviewed.stderr)")
        // The account's own roles count now, not the command line's: 李强 records, he does not approve.
        #expect(try approve("approved", "li.qiang", "pw-li.qiang-secret").stderr.contains("needs the role 'approve'"))
        #expect(try approve("approved", "zhou.jg", "pw-zhou.jg-secret").status == 0)
        let approvals = d.log.split(separator: "\n").filter { $0.contains("\"action\":\"approve\"") }
        #expect(approvals.count == 3 && approvals.allSatisfy { $0.contains("signed electronically: ") })
        #expect(try d.f.q("archive", "verify").status == 0)
        // The signed statement, decoded from the trail, is checked by xmlsec1 with the CA alone.
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(approvals[2].utf8)) as? [String: Any])
        let detail = try #require(entry["detail"] as? String)
        let encoded = String(detail[detail.range(of: "signed electronically: ")!.upperBound...])
        let statement = d.f.root.appendingPathComponent("approval.xml")
        try #require(Data(base64Encoded: encoded)).write(to: statement)
        #expect(try d.xmlsec(statement, signature: 1).status == 0)
    }
}
