import Crypto
import Foundation

/// The head of the audit chain, signed with the archive's key (ECDSA P-256) after every action:
/// `archive/head.json`, the key in `archive/signing-key.pem` (readable by its owner only).
///
/// Someone who rewrites the log and recomputes every hash cannot sign the new head without the
/// key: entries added or removed after the last signed head are a finding. History before an
/// anchor (``Archive/anchor()``) written down elsewhere is proved by `verify --anchor`.
struct SignedHead: Codable, Equatable {
    var seq: Int
    var hash: String
    var time: String
    /// DER, base64, over ``message``.
    var signature: String
    /// The public key, PEM, to check it with.
    var publicKey: String

    var message: Data { Data("qmsforms audit head \(seq) \(hash)".utf8) }

    /// `head` signed with `key`.
    static func signing(_ head: AuditEntry, with key: P256.Signing.PrivateKey) throws -> SignedHead {
        var signed = SignedHead(seq: head.seq, hash: head.hash, time: head.time, signature: "", publicKey: key.publicKey.pemRepresentation)
        signed.signature = try key.signature(for: signed.message).derRepresentation.base64EncodedString()
        return signed
    }

    /// Whether the signature is the key's over this head.
    func isValid(for key: P256.Signing.PublicKey) -> Bool {
        guard let der = Data(base64Encoded: signature), let sig = try? P256.Signing.ECDSASignature(derRepresentation: der) else { return false }
        return key.isValidSignature(sig, for: message)
    }
}

extension FileArchiveStore {
    var keyURL: URL { directory.appendingPathComponent("signing-key.pem") }
    var headURL: URL { directory.appendingPathComponent("head.json") }

    /// The archive's signing key, made (owner-readable only) on first use.
    func signingKey() throws -> P256.Signing.PrivateKey {
        if FileManager.default.fileExists(atPath: keyURL.path) {
            do {
                let pem = String(decoding: try PlainFile.read(keyURL, below: workspaceRoot, limit: 64 << 10), as: UTF8.self)
                return try P256.Signing.PrivateKey(pemRepresentation: pem)
            } catch let error as FileError { throw ArchiveError.file(error) } catch {
                throw ArchiveError.file(FileError(.read, path: keyURL.path, reason: "not a P-256 private key in PEM", remedy: "restore it from a backup"))
            }
        }
        let key = P256.Signing.PrivateKey()
        do { try DurableFile.writeSynced(Data(key.pemRepresentation.utf8), to: keyURL, mode: 0o600) } catch { throw ArchiveError.file(error) }
        return key
    }

    /// Signs the trail's last entry as the head.
    func signHead() throws {
        guard let last = auditLog.last() else { return }
        let head = try SignedHead.signing(last, with: signingKey())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do { try DurableFile.writeSynced(try encoder.encode(head), to: headURL, replacing: true) } catch let error as FileError {
            throw ArchiveError.file(error)
        }
    }

    /// What the signed head says of `entries`: nothing when it signs their last entry with the archive's key.
    func headProblems(_ entries: [AuditEntry]) -> [String] {
        guard let last = entries.last else { return [] }
        guard let data = try? Data(contentsOf: headURL), let head = try? JSONDecoder().decode(SignedHead.self, from: data) else {
            return FileManager.default.fileExists(atPath: keyURL.path)
                ? ["archive/head.json: the signed head of the audit trail is missing or unreadable"] : []
        }
        guard let key = try? signingKey(), head.publicKey == key.publicKey.pemRepresentation, head.isValid(for: key.publicKey) else {
            return ["archive/head.json: the head is not signed by this archive's key"]
        }
        if head.seq != last.seq || head.hash != last.hash {
            let found = entries.first { $0.seq == head.seq }
            return [found?.hash == head.hash
                ? "audit.log: entries \(head.seq + 1)–\(last.seq) come after the last signed head (entry \(head.seq)): they were added outside qmsforms"
                : "audit.log: the signed head is entry \(head.seq) with SHA-256 \(head.hash), which the log no longer holds: history was removed or rewritten"]
        }
        return []
    }
}
