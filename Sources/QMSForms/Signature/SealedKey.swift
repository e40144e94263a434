import Crypto
import CryptoExtras
import Foundation

/// A private signing key sealed under a key derived from its owner's password: scrypt
/// (N = 2^`log2N`, r = 8, p = 1) over the password and a random salt gives an AES-256-GCM key
/// that seals the key's raw bytes. Only the person who knows the password can sign with it; the
/// stored form never holds the key in the clear.
///
/// ```swift
/// let sealed = try SealedKey.seal(P256.Signing.PrivateKey(), password: "correct horse battery")
/// let key = try sealed.open(password: "correct horse battery")
/// ```
public struct SealedKey: Sendable, Codable, Equatable {
    /// The scrypt salt, base64.
    public var salt: String
    /// scrypt's cost: N = 2^log2N.
    public var log2N: Int
    /// The AES-GCM box (nonce, ciphertext, tag), base64.
    public var box: String

    /// scrypt's cost for a work factor `cost` (bcrypt's, 4–31): 2^(cost + 3), so 2^15 (32 MiB, ~0.1 s)
    /// at the default 12, and cheap for the tests' 4.
    public static func log2N(forCost cost: UInt8) -> Int { min(20, Int(cost) + 3) }

    /// `key` sealed under `password`.
    public static func seal(_ key: P256.Signing.PrivateKey, password: String, cost: UInt8 = 12) throws -> SealedKey {
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
        let log2N = log2N(forCost: cost)
        let box = try AES.GCM.seal(key.rawRepresentation, using: derived(password, salt: salt, log2N: log2N))
        guard let combined = box.combined else { throw SignatureError.keySealing("AES-GCM gave no combined box") }
        return SealedKey(salt: salt.base64EncodedString(), log2N: log2N, box: combined.base64EncodedString())
    }

    /// The key, when `password` is the one it was sealed under; ``SignatureError/keySealing(_:)`` otherwise.
    public func open(password: String) throws -> P256.Signing.PrivateKey {
        guard let salt = Data(base64Encoded: salt), let combined = Data(base64Encoded: box) else {
            throw SignatureError.keySealing("the sealed key is not base64")
        }
        do {
            let raw = try AES.GCM.open(AES.GCM.SealedBox(combined: combined), using: Self.derived(password, salt: salt, log2N: log2N))
            return try P256.Signing.PrivateKey(rawRepresentation: raw)
        } catch { throw SignatureError.keySealing("the password does not open it") }
    }

    /// The same key sealed under `new` instead of `old`.
    public func resealed(from old: String, to new: String, cost: UInt8 = 12) throws -> SealedKey {
        try Self.seal(open(password: old), password: new, cost: cost)
    }

    private static func derived(_ password: String, salt: Data, log2N: Int) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(from: Data(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << log2N,
                                 blockSize: 8, parallelism: 1)
    }
}
