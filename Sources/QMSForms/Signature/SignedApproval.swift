import Foundation
import X509
import XMLSupport

/// A document approval signed electronically: a small XML statement — which document, which
/// revision, which role, the SHA-256 of the draft's content — signed with the same XML-DSig profile
/// as records (``XMLSignature``), by the approver's key after the signing ceremony. It is carried,
/// base64, in the approval's audit entry, so the trail itself holds the signed act; `archive verify`
/// checks it, and `xmlsec1 --verify --trusted-pem ca.pem` does too once decoded.
///
/// ```swift
/// let signed = try SignedApproval.sign(document: "SG-QR-22-02", revision: "A/1", role: .approved,
///                                      contentSHA256: digest, with: key, now: Date())
/// ```
public enum SignedApproval {
    /// The namespace of the statement.
    public static let namespace = "urn:qmsforms:approval"
    /// What precedes the signed statement in the audit entry's detail.
    public static let marker = "signed electronically: "

    /// The unsigned statement.
    static func statement(document: String, revision: String, role: Approval.Role, contentSHA256: String) -> Data {
        func a(_ v: String) -> String { XMLWriter.escape(v, attribute: true) }
        return Data(("<approval xmlns=\"\(namespace)\" document=\"\(a(document))\" revision=\"\(a(revision))\" role=\"\(role.rawValue)\" "
            + "content-sha256=\"\(a(contentSHA256))\"></approval>").utf8)
    }

    /// The statement signed by `key` with `role` as its meaning, base64.
    public static func sign(document: String, revision: String, role: Approval.Role, contentSHA256: String,
                            with key: SigningCeremony.Key, now: Date) throws -> String {
        let statement = ElectronicSignature(account: key.account.name, signer: key.account.displayName, meaning: role.rawValue,
                                            meaningLabel: role.label, time: ElectronicSignature.timestamp(now), certificateSerial: key.serial)
        return try XMLSignature.sign(Self.statement(document: document, revision: revision, role: role, contentSHA256: contentSHA256),
                                     source: "\(document) \(revision) \(role.rawValue)", as: statement, key: key.privateKey,
                                     certificate: key.certificate).base64EncodedString()
    }

    /// The signed statement an approve entry carries, decoded; `nil` when it carries none.
    public static func carried(by entry: AuditEntry) -> Data? {
        guard entry.action == .approve, let detail = entry.detail, let range = detail.range(of: marker) else { return nil }
        return Data(base64Encoded: String(detail[range.upperBound...]))
    }

    /// Why the signed approval of `entry` does not hold, or `nil` when it does: the signature verifies
    /// against `authority`, states the entry's document, revision, role and content hash, and its
    /// signer is the entry's actor.
    static func problem(in entry: AuditEntry, signed: Data, authority: Certificate) -> (VerifiedSignature?, String?) {
        let source = "audit entry \(entry.seq)"
        let found: [VerifiedSignature]
        do { found = try XMLSignature.verify(signed, source: source, trusting: authority) } catch { return (nil, "\(error)") }
        guard found.count == 1, let signature = found.first else { return (nil, "\(source): the approval carries \(found.count) signatures, not one") }
        guard let words = entry.detail?.split(separator: " "), let role = words.first.flatMap({ Approval.Role(rawValue: String($0)) }),
              let hashAt = words.firstIndex(of: "SHA-256"), hashAt + 1 < words.count else {
            return (signature, "\(source): the approval entry does not name its role and content hash")
        }
        let hash = String(words[hashAt + 1]).trimmingCharacters(in: CharacterSet(charactersIn: ","))
        let expected = statement(document: entry.form ?? "", revision: entry.revision ?? "", role: role, contentSHA256: hash)
        guard let canonical = try? XMLTree.canonicalized(expected, source: source),
              signature.contentSHA256 == Digest.sha256(canonical) else {
            return (signature, "\(source): the signed approval states another document, revision, role or content than its entry")
        }
        guard signature.statement.meaning == role.rawValue, signature.statement.signer == entry.actor else {
            return (signature, "\(source): the signed approval's signer or meaning is not the entry's")
        }
        return (signature, nil)
    }
}
