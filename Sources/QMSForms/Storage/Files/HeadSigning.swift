import Crypto
import Foundation

/// The archive's signing key is `archive/signing-key.pem` (readable by its owner only); the
/// ``SignedHead`` is written to `archive/head.json` after every action.
///
/// Someone who rewrites the log and recomputes every hash cannot sign the new head without the
/// key: entries added or removed after the last signed head are a finding. History before an
/// anchor (``Archive/anchor()``) written down elsewhere is proved by `verify --anchor`.
extension FileArchiveStore {
    var keyURL: URL { directory.appendingPathComponent("signing-key.pem") }
    var headURL: URL { directory.appendingPathComponent("head.json") }

    /// The archive's signing key, made (owner-readable only) on first use.
    func signingKey() throws -> P256.Signing.PrivateKey {
        do { return try HeadKeyFile.key(at: keyURL, below: workspaceRoot) } catch { throw ArchiveError.file(error) }
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

    /// The head as `archive/head.json` holds it, `nil` when there is none that reads.
    func storedHead() -> SignedHead? {
        guard let data = try? Data(contentsOf: headURL) else { return nil }
        return try? JSONDecoder().decode(SignedHead.self, from: data)
    }

    /// What the signed head says of `entries`: nothing when it signs their last entry with the archive's key.
    func headProblems(_ entries: [AuditEntry]) -> [String] {
        guard !entries.isEmpty else { return [] }
        let head = storedHead()
        if head == nil, !FileManager.default.fileExists(atPath: keyURL.path) { return [] }
        guard let key = try? signingKey() else { return ["archive/head.json: the head is not signed by this archive's key"] }
        return SignedHead.problems(head, of: entries, key: key.publicKey, at: "archive/head.json")
    }
}
