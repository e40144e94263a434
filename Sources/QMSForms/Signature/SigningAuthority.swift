import Crypto
import Foundation
import SwiftASN1
import X509

/// The workspace's own signing CA: a P-256 key and a self-signed X.509 certificate that issues
/// one certificate per person who signs. Every electronic signature carries its signer's
/// certificate; the CA certificate is what an auditor trusts (`xmlsec1 --trusted-pem ca.pem`).
///
/// Kept in `.qms/signing-ca/`: `ca.pem` (the certificate, public) and `ca-key.pem` (the key,
/// readable by the workspace's owner only — the account that runs `qmsforms serve`).
///
/// ```swift
/// let ca = try SigningAuthority.create(in: ws.signingAuthorityDirectory, organization: "Example Machinery", now: Date())
/// let identity = try SigningIdentity.issue(for: account, password: typed, by: ca, now: Date())
/// ```
public struct SigningAuthority: Sendable {
    /// The CA certificate.
    public let certificate: Certificate
    private let key: P256.Signing.PrivateKey

    /// How long a person's certificate is valid: 10 years (signatures stay verifiable after it
    /// ends, at the time they were made).
    public static let personValidity: TimeInterval = 10 * 366 * 86_400
    /// How long the CA certificate is valid: 50 years, longer than any retention period.
    public static let authorityValidity: TimeInterval = 50 * 366 * 86_400

    /// The CA certificate file in `directory`.
    public static func certificateFile(in directory: URL) -> URL { directory.appendingPathComponent("ca.pem") }
    private static func keyFile(in directory: URL) -> URL { directory.appendingPathComponent("ca-key.pem") }

    /// Whether `directory` holds a CA.
    public static func exists(in directory: URL) -> Bool { FileManager.default.fileExists(atPath: certificateFile(in: directory).path) }

    /// Makes a new CA in `directory` (refused when one is there): a fresh key, a self-signed certificate
    /// naming `organization`.
    public static func create(in directory: URL, organization: String, now: Date) throws -> SigningAuthority {
        guard !exists(in: directory) else { throw SignatureError.authorityExists(directory: directory.path) }
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName(organization)
            CommonName("qmsforms signing CA")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(authorityValidity),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(keyIdentifier: ArraySlice(SHA256.hash(data: key.publicKey.x963Representation).prefix(20)))
            },
            issuerPrivateKey: .init(key))
        // Built beside its place and moved there whole: a CA with a certificate and no key is never left.
        let fm = FileManager.default
        let building = directory.deletingLastPathComponent().appendingPathComponent(".\(directory.lastPathComponent).\(getpid()).tmp")
        defer { try? fm.removeItem(at: building) }
        do {
            try? fm.removeItem(at: building)
            try fm.createDirectory(at: building, withIntermediateDirectories: true)
            let keyURL = keyFile(in: building)
            // The key file is made owner-only before the key is in it.
            guard fm.createFile(atPath: keyURL.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw SignatureError.authorityFile(path: keyURL.path, reason: "cannot create the key file")
            }
            try Data(key.pemRepresentation.utf8).write(to: keyURL)
            try Data(try certificate.serializeAsPEM().pemString.utf8).write(to: certificateFile(in: building))
            try fm.moveItem(at: building, to: directory)
        } catch let error as SignatureError { throw error } catch {
            throw SignatureError.authorityFile(path: directory.path, reason: "cannot write the CA: \(error.localizedDescription)")
        }
        return SigningAuthority(certificate: certificate, key: key)
    }

    /// The CA in `directory`.
    public static func load(from directory: URL) throws -> SigningAuthority {
        guard exists(in: directory) else { throw SignatureError.noAuthority(directory: directory.path) }
        let keyURL = keyFile(in: directory)
        do {
            let certificate = try authorityCertificate(in: directory)
            let key = try P256.Signing.PrivateKey(pemRepresentation: String(decoding: try Data(contentsOf: keyURL), as: UTF8.self))
            guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
                throw SignatureError.authorityFile(path: keyURL.path, reason: "the key is not the CA certificate's")
            }
            return SigningAuthority(certificate: certificate, key: key)
        } catch let error as SignatureError { throw error } catch {
            throw SignatureError.authorityFile(path: keyURL.path, reason: "cannot read the CA key: \(error.localizedDescription)")
        }
    }

    /// The CA certificate alone (what verification needs), from `directory`.
    public static func authorityCertificate(in directory: URL) throws -> Certificate {
        let url = certificateFile(in: directory)
        do { return try Certificate(pemEncoded: String(decoding: try Data(contentsOf: url), as: UTF8.self)) } catch {
            throw SignatureError.authorityFile(path: url.path, reason: "not a PEM certificate: \(error)")
        }
    }

    /// A certificate for `account`'s `publicKey`: subject its printed name and department, for
    /// digital signatures with non-repudiation (content commitment) only.
    public func issue(for account: Account, publicKey: P256.Signing.PublicKey, now: Date) throws -> Certificate {
        let subject = try DistinguishedName {
            OrganizationName(organization)
            if let department = account.department, !department.isEmpty { OrganizationalUnitName(department) }
            CommonName(account.displayName)
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Self.personValidity),
            issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
            },
            issuerPrivateKey: .init(key))
    }

    /// The organisation the CA names.
    private var organization: String {
        certificate.subject.flatMap { $0 }.first { $0.type == .RDNAttributeType.organizationName }
            .map { String(describing: $0.value) } ?? "qmsforms"
    }

    /// SHA-256 of the CA certificate's DER: logged when the CA is made, so a swapped `ca.pem` is found.
    public var fingerprint: String { Self.fingerprint(certificate) }

    /// SHA-256, hex, of `certificate`'s DER: what the audit trail logs of the CA.
    public static func fingerprint(_ certificate: Certificate) -> String { (try? Digest.sha256(der(certificate))) ?? "" }

    /// The DER bytes of `certificate`.
    public static func der(_ certificate: Certificate) throws -> Data {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return Data(serializer.serializedBytes)
    }

    /// A serial number as lower-case hex.
    public static func hex(_ serial: Certificate.SerialNumber) -> String { serial.bytes.map { String(format: "%02x", $0) }.joined() }
}
