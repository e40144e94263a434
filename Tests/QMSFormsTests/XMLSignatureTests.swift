import ComplianceTags
import Crypto
import Foundation
import Testing
import XMLSupport
@testable import QMSForms

/// Electronic signatures over a record: made by the library, checked by the library and by
/// `xmlsec1` with nothing but the CA certificate; one changed character refused by both.
@Suite struct XMLSignatureTests {
    /// A CA in a temporary folder and two people with keys from it.
    struct Signers {
        let folder: URL
        let authority: SigningAuthority
        let people: [(Account, SigningIdentity, P256.Signing.PrivateKey)]

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("qms-sign-\(UUID().uuidString)")
            let ca = try SigningAuthority.create(in: folder.appendingPathComponent("ca"), organization: "示例机械 Example", now: Date())
            authority = ca
            people = try [("wang.fang", "王芳", Set([Principal.Role.review])), ("zhou.jianguo", "周建国", [.approve])].map { name, display, roles in
                let account = try Account.new(name: name, displayName: display, department: "质管部", roles: roles,
                                              password: "password of \(name)", cost: 4)
                let identity = try SigningIdentity.issue(for: account, password: "password of \(name)", by: ca, now: Date(), cost: 4)
                return (account, identity, try identity.key.open(password: "password of \(name)"))
            }
        }

        func sign(_ xml: Data, person: Int, meaning: String) throws -> Data {
            let (account, identity, key) = people[person]
            let statement = ElectronicSignature(account: account.name, signer: account.displayName, meaning: meaning,
                                                meaningLabel: Bilingual(zh: "审核", en: "Reviewed"),
                                                time: ElectronicSignature.timestamp(Date()), certificateSerial: identity.serial)
            return try XMLSignature.sign(xml, source: "test", as: statement, key: key, certificate: identity.certificateDER)
        }
    }

    static func recordXML() throws -> Data {
        let record = try Fixtures.record("8d")
        return Data(RecordXMLWriter().write(Record(template: record.template, number: "8D-2026-001", values: record.values,
                                                   computed: record.computed)).utf8)
    }

    /// Runs xmlsec1 on signature `n` (1-based) of `xml`; its exit status.
    static func xmlsec(_ xml: Data, signature n: Int, ca: URL) throws -> Int32 {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qms-signed-\(UUID().uuidString).xml")
        try xml.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["xmlsec1", "--verify", "--trusted-pem", ca.path, "--node-xpath", "(//*[local-name()='Signature'])[\(n)]", file.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test(.tags(.cfr11_70)) func twoSignaturesVerifyEachOnItsOwnWithXmlsec1() throws {
        let signers = try Signers()
        defer { try? FileManager.default.removeItem(at: signers.folder) }
        let unsigned = try Self.recordXML()
        let signed = try signers.sign(try signers.sign(unsigned, person: 0, meaning: "reviewed"), person: 1, meaning: "approved")
        // The earlier bytes never change: the signatures are added before the root's end tag.
        let text = String(decoding: signed, as: UTF8.self)
        #expect(text.hasPrefix(String(decoding: unsigned, as: UTF8.self).components(separatedBy: "</record>")[0]))
        #expect(!text.contains("> <ds:Signature") && !text.contains("</ds:Signature>\n<ds:Signature"))

        let found = try XMLSignature.verify(signed, source: "signed", trusting: signers.authority.certificate)
        #expect(found.map(\.statement.meaning) == ["reviewed", "approved"])
        #expect(found.map(\.statement.signer) == ["王芳", "周建国"])
        // Each covers the unsigned record's content: the hash the audit trail logged when it was issued.
        let logged = Digest.sha256(try XMLTree.canonicalized(unsigned, source: "unsigned"))
        #expect(found.allSatisfy { $0.contentSHA256 == logged })

        let ca = SigningAuthority.certificateFile(in: signers.folder.appendingPathComponent("ca"))
        #expect(try Self.xmlsec(signed, signature: 1, ca: ca) == 0)
        #expect(try Self.xmlsec(signed, signature: 2, ca: ca) == 0)
    }

    @Test(.tags(.cfr11_70, .cfr11_10a)) func oneChangedCharacterIsRefusedByBothJudges() throws {
        let signers = try Signers()
        defer { try? FileManager.default.removeItem(at: signers.folder) }
        let signed = String(decoding: try signers.sign(try Self.recordXML(), person: 0, meaning: "reviewed"), as: UTF8.self)
        let ca = SigningAuthority.certificateFile(in: signers.folder.appendingPathComponent("ca"))
        // In the record's content, and in the signed statement.
        for (from, to) in [("8D-2026-001", "8D-2026-002"), ("王芳", "王方")] {
            let tampered = Data(signed.replacingOccurrences(of: from, with: to).utf8)
            #expect(throws: SignatureError.self) { try XMLSignature.verify(tampered, source: "tampered", trusting: signers.authority.certificate) }
            #expect(try Self.xmlsec(tampered, signature: 1, ca: ca) != 0)
        }
    }

    @Test(.tags(.cfr11_70)) func aCertificateFromAnotherCAIsRefused() throws {
        let signers = try Signers(), other = try Signers()
        defer { try? FileManager.default.removeItem(at: signers.folder); try? FileManager.default.removeItem(at: other.folder) }
        let signed = try signers.sign(try Self.recordXML(), person: 0, meaning: "reviewed")
        #expect(throws: SignatureError.self) { try XMLSignature.verify(signed, source: "signed", trusting: other.authority.certificate) }
        #expect(try Self.xmlsec(signed, signature: 1, ca: SigningAuthority.certificateFile(in: other.folder.appendingPathComponent("ca"))) != 0)
    }

    @Test(.tags(.cfr11_200)) func theSealedKeyOpensOnlyWithItsPassword() throws {
        let key = P256.Signing.PrivateKey()
        let sealed = try SealedKey.seal(key, password: "correct horse battery", cost: 4)
        #expect(try sealed.open(password: "correct horse battery").rawRepresentation == key.rawRepresentation)
        #expect(throws: SignatureError.keySealing("the password does not open it")) { try sealed.open(password: "correct horse batterY") }
        #expect(!(String(data: try JSONEncoder().encode(sealed), encoding: .utf8)!.contains(key.rawRepresentation.base64EncodedString())))
        let moved = try sealed.resealed(from: "correct horse battery", to: "a new long password", cost: 4)
        #expect(try moved.open(password: "a new long password").rawRepresentation == key.rawRepresentation)
    }
}
