import Crypto
import Foundation

/// The one SHA-256 of the library, as the lower-case hex every register, record pin, audit
/// entry and manifest holds.
public enum Digest {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex SHA-256 of `data`.
    public static func sha256(_ data: some DataProtocol) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
