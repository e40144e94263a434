import Crypto
import Foundation

/// The head of the audit trail signed with the archive's key (ECDSA P-256, SHA-256): what an
/// auditor checks with `openssl` alone, from a BagIt export's `bag-info.txt`.
///
/// The signature is over ``signedText`` (`qmsforms audit head N HASH`, UTF-8, no newline); the
/// key travels as ``publicKeyDER`` and is identified by ``keyFingerprint``, which
/// `qmsforms archive anchor` prints to be written down where the archive's administrators
/// cannot change it.
///
/// ```swift
/// if let head = try await trail.signedHead(), head.isValid() { print(head.seq, head.keyFingerprint) }
/// ```
public struct SignedHead: Codable, Equatable, Sendable {
    /// The last entry's number.
    public var seq: Int
    /// The last entry's hash.
    public var hash: String
    /// When the last entry was written.
    public var time: String
    /// DER, base64, over ``signedText``.
    public var signature: String
    /// The public key, PEM, to check it with.
    public var publicKey: String

    /// What is signed: `qmsforms audit head N HASH`.
    public var signedText: String { "qmsforms audit head \(seq) \(hash)" }

    /// `head` signed with `key`.
    public static func signing(_ head: AuditEntry, with key: P256.Signing.PrivateKey) throws -> SignedHead {
        var signed = SignedHead(seq: head.seq, hash: head.hash, time: head.time, signature: "", publicKey: key.publicKey.pemRepresentation)
        signed.signature = try key.signature(for: Data(signed.signedText.utf8)).derRepresentation.base64EncodedString()
        return signed
    }

    /// The public key, `nil` when ``publicKey`` is not a P-256 key in PEM.
    var key: P256.Signing.PublicKey? { try? P256.Signing.PublicKey(pemRepresentation: publicKey) }

    /// The public key as DER SubjectPublicKeyInfo, base64 (what `openssl pkey -pubin -inform DER` reads).
    public var publicKeyDER: String { key?.derRepresentation.base64EncodedString() ?? "" }

    /// SHA-256 of the DER public key, hex: the key's identity, to compare with the one written down.
    public var keyFingerprint: String { key.map { Digest.sha256($0.derRepresentation) } ?? "" }

    /// Whether the signature is its key's over this head (with `key`: that key's).
    public func isValid(for key: P256.Signing.PublicKey? = nil) -> Bool {
        guard let key = key ?? self.key, let der = Data(base64Encoded: signature),
              let sig = try? P256.Signing.ECDSASignature(derRepresentation: der) else { return false }
        return key.isValidSignature(sig, for: Data(signedText.utf8))
    }

    /// What `head` (as kept at `place`) says of `entries`: nothing when it signs their last entry with `key`.
    public static func problems(_ head: SignedHead?, of entries: [AuditEntry], key: P256.Signing.PublicKey, at place: String) -> [String] {
        guard let last = entries.last else { return [] }
        guard let head else { return ["\(place): the signed head of the audit trail is missing or unreadable"] }
        guard head.publicKey == key.pemRepresentation, head.isValid(for: key) else { return ["\(place): the head is not signed by this archive's key"] }
        if head.seq != last.seq || head.hash != last.hash {
            let found = entries.first { $0.seq == head.seq }
            return [found?.hash == head.hash
                ? "audit trail: entries \(head.seq + 1)–\(last.seq) come after the last signed head (entry \(head.seq)): they were added outside qmsforms"
                : "audit trail: the signed head is entry \(head.seq) with SHA-256 \(head.hash), which the trail no longer holds: history was removed or rewritten"]
        }
        return []
    }
}
