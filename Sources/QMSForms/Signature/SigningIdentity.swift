import Crypto
import Foundation
import X509

/// A person's means of signing: their X.509 certificate from the workspace's ``SigningAuthority``
/// and their private key, sealed under their password (``SealedKey``). Kept in their ``Account``.
public struct SigningIdentity: Sendable, Codable, Equatable {
    /// The certificate, DER, base64.
    public var certificate: String
    /// The certificate's serial number, hex.
    public var serial: String
    /// The private key, sealed.
    public var key: SealedKey

    /// A new key for `account`, its certificate issued by `authority`, sealed under `password`.
    public static func issue(for account: Account, password: String, by authority: SigningAuthority, now: Date,
                             cost: UInt8 = 12) throws -> SigningIdentity {
        let key = P256.Signing.PrivateKey()
        let certificate = try authority.issue(for: account, publicKey: key.publicKey, now: now)
        return SigningIdentity(certificate: try SigningAuthority.der(certificate).base64EncodedString(),
                               serial: SigningAuthority.hex(certificate.serialNumber),
                               key: try SealedKey.seal(key, password: password, cost: cost))
    }

    /// The certificate's DER bytes.
    public var certificateDER: Data { Data(base64Encoded: certificate) ?? Data() }
}
