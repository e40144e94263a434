import Crypto
import Foundation

/// The key an archive signs the head of its audit trail with (``SignedHead``), in a PEM file
/// readable by its owner only, made on first use. Two processes making it at once end with one
/// key: the file is written whole and linked into place, never replaced.
///
/// The file archive keeps it as `archive/signing-key.pem`; a shared archive as the workspace's
/// `.qms/archive-head-key.pem` (``Workspace/sharedArchiveHeadKey``), copied to every server.
public enum HeadKeyFile {
    /// The key at `url` (inside `root`), made when there is none.
    public static func key(at url: URL, below root: URL) throws(FileError) -> P256.Signing.PrivateKey {
        if !FileManager.default.fileExists(atPath: url.path) {
            do { try DurableFile.store(Data(P256.Signing.PrivateKey().pemRepresentation.utf8), at: url, mode: 0o600, replacing: false) } catch {
                // Another process made it first: its key is the one.
                guard FileManager.default.fileExists(atPath: url.path) else { throw error }
            }
        }
        let pem = String(decoding: try PlainFile.read(url, below: root, limit: 64 << 10), as: UTF8.self)
        do { return try P256.Signing.PrivateKey(pemRepresentation: pem) } catch {
            throw FileError(.read, path: url.path, reason: "not a P-256 private key in PEM", remedy: "restore it from a backup")
        }
    }
}
