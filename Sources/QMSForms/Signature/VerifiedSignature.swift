import Crypto
import Foundation
import X509
import XMLSupport

/// A signature found in a document and checked: its statement, the certificate that made it, and
/// the SHA-256 (hex) of the content it covers — the record's exclusive C14N without signatures,
/// so the same hash the audit trail logged for the revision that was signed.
public struct VerifiedSignature: Sendable {
    /// What the signature states.
    public var statement: ElectronicSignature
    /// The signer's certificate.
    public var certificate: Certificate
    /// SHA-256, hex, of the content signed.
    public var contentSHA256: String
}

extension XMLSignature {
    /// Every signature in `document`, each checked against `authority` (the CA certificate): the
    /// structure is the profile qmsforms writes, both digests match, the ECDSA value verifies with
    /// the certificate's key, the certificate was issued by `authority` and was valid at the signing
    /// time. Throws ``SignatureError/invalid(source:signature:reason:)`` for the first that fails.
    public static func verify(_ document: Data, source: String, trusting authority: Certificate) throws -> [VerifiedSignature] {
        let tree = try XMLTree.parse(document, source: source)
        let signatures = tree.root.elements.filter { $0.namespace == namespace && $0.name == "Signature" }
        guard count(tree.root) == signatures.count else {
            throw SignatureError.invalid(source: source, signature: 0, reason: "a ds:Signature elsewhere than at the end of the record")
        }
        guard !signatures.isEmpty else { return [] }
        let content = try tree.canonicalized(omitting: signatureElement)
        let contentDigest = Data(SHA256.hash(data: content))
        var found: [VerifiedSignature] = []
        for (index, element) in signatures.enumerated() {
            func fail(_ reason: String) -> SignatureError { .invalid(source: source, signature: index + 1, reason: reason) }
            let check = try SignatureParts(element, fail: fail)
            guard Data(base64Encoded: check.contentDigest) == contentDigest else { throw fail("the record was changed after it was signed (content digest differs)") }
            guard let properties = try tree.canonicalized(element: ExpandedName(namespace, "SignatureProperties"), occurrence: index),
                  Data(base64Encoded: check.propertiesDigest) == Data(SHA256.hash(data: properties)) else {
                throw fail("the signed properties (signer, meaning, time) were changed")
            }
            guard let signedInfo = try tree.canonicalized(element: ExpandedName(namespace, "SignedInfo"), occurrence: index) else { throw fail("no SignedInfo") }
            let certificate: Certificate
            do { certificate = try Certificate(derEncoded: Array(check.certificate)) } catch { throw fail("the certificate cannot be read") }
            guard let key = P256.Signing.PublicKey(certificate.publicKey),
                  let value = try? P256.Signing.ECDSASignature(rawRepresentation: check.value),
                  key.isValidSignature(value, for: signedInfo) else { throw fail("the signature value does not verify with the signer's certificate") }
            guard certificate.issuer == authority.subject, authority.publicKey.isValidSignature(certificate.signature, for: certificate) else {
                throw fail("the signer's certificate was not issued by this workspace's signing CA")
            }
            guard let when = check.statement.date else { throw fail("the signing time is not ISO 8601") }
            guard certificate.notValidBefore <= when, when <= certificate.notValidAfter else {
                throw fail("the certificate was not valid at the signing time \(check.statement.time)")
            }
            guard SigningAuthority.hex(certificate.serialNumber) == check.statement.certificateSerial else {
                throw fail("the signed properties name another certificate than the one that signed")
            }
            found.append(VerifiedSignature(statement: check.statement, certificate: certificate,
                                           contentSHA256: contentDigest.map { String(format: "%02x", $0) }.joined()))
        }
        return found
    }

    /// The statements of the signatures in `document`, unchecked (for showing; ``verify(_:source:trusting:)`` checks).
    public static func statements(in document: Data, source: String) throws -> [ElectronicSignature] {
        try XMLTree.parse(document, source: source).root.elements.filter { $0.namespace == namespace && $0.name == "Signature" }
            .compactMap { try? SignatureParts($0, fail: { .invalid(source: source, signature: 0, reason: $0) }).statement }
    }

    /// ds:Signature elements anywhere below `element`, itself included.
    private static func count(_ element: Element) -> Int {
        (element.namespace == namespace && element.name == "Signature" ? 1 : 0) + element.elements.reduce(0) { $0 + count($1) }
    }
}

/// The parts of one `ds:Signature` in the profile qmsforms writes; anything else refused.
private struct SignatureParts {
    var contentDigest: String
    var propertiesDigest: String
    var value: Data
    var certificate: Data
    var statement: ElectronicSignature

    init(_ signature: Element, fail: (String) -> SignatureError) throws {
        let ds = XMLSignature.namespace
        func child(_ e: Element?, _ name: String) throws -> Element {
            guard let found = e?.elements.first(where: { $0.namespace == ds && $0.name == name }) else { throw fail("no ds:\(name)") }
            return found
        }
        func algorithms(_ e: Element) -> [String] { e.elements.map { $0["Algorithm"] ?? "" } }
        let id = signature["Id"] ?? ""
        let info = try child(signature, "SignedInfo")
        guard try child(info, "CanonicalizationMethod")["Algorithm"] == XMLSignature.exclusiveC14N,
              try child(info, "SignatureMethod")["Algorithm"] == XMLSignature.ecdsaSHA256 else {
            throw fail("not exclusive C14N with ecdsa-sha256")
        }
        let references = info.elements.filter { $0.namespace == ds && $0.name == "Reference" }
        guard references.count == 2, references[0]["URI"] == "", references[1]["URI"] == "#\(id)-properties" else {
            throw fail("expected a reference to the record and one to its own properties")
        }
        let recordTransforms = try child(references[0], "Transforms")
        guard algorithms(recordTransforms) == [XMLSignature.enveloped, XMLSignature.xpath, XMLSignature.exclusiveC14N],
              recordTransforms.elements[1].elements.first?.text == XMLSignature.withoutSignatures,
              algorithms(try child(references[1], "Transforms")) == [XMLSignature.exclusiveC14N],
              try references.allSatisfy({ try child($0, "DigestMethod")["Algorithm"] == XMLSignature.sha256 }) else {
            throw fail("the references' transforms or digest methods are not the ones qmsforms signs with")
        }
        contentDigest = try child(references[0], "DigestValue").text
        propertiesDigest = try child(references[1], "DigestValue").text
        guard let value = Data(base64Encoded: try child(signature, "SignatureValue").text), value.count == 64 else {
            throw fail("the signature value is not 64 bytes of r‖s")
        }
        self.value = value
        guard let certificate = Data(base64Encoded: try child(try child(try child(signature, "KeyInfo"), "X509Data"), "X509Certificate").text,
                                     options: .ignoreUnknownCharacters) else { throw fail("the certificate is not base64") }
        self.certificate = certificate
        let properties = try child(try child(signature, "Object"), "SignatureProperties")
        guard properties["Id"] == "\(id)-properties",
              let signed = try child(properties, "SignatureProperty").elements.first(where: { $0.namespace == XMLSignature.propertiesNamespace }) else {
            throw fail("no signed properties")
        }
        func q(_ name: String) throws -> Element {
            guard let e = signed.elements.first(where: { $0.name == name }) else { throw fail("the signed properties have no \(name)") }
            return e
        }
        let signer = try q("Signer"), meaning = try q("Meaning")
        statement = ElectronicSignature(account: signer["account"] ?? "", signer: signer.text, meaning: meaning["code"] ?? "",
                                        meaningLabel: Bilingual(zh: meaning["zh"] ?? "", en: meaning["en"] ?? ""),
                                        time: try q("SigningTime").text, certificateSerial: signer["certificate-serial"] ?? "")
    }
}
