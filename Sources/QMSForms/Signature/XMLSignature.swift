import Crypto
import Foundation
import XMLSupport

/// W3C XML Signatures over archived records, in the one profile qmsforms writes and checks:
/// enveloped `ds:Signature` elements, the root's last children, each covering the record's
/// content — every signature left out, by the transform `not(ancestor-or-self::ds:Signature)` —
/// in exclusive C14N with SHA-256, plus its own signed properties (signer, meaning, time); signed
/// with ECDSA P-256 (`ecdsa-sha256`, the value raw r‖s); the signer's certificate in `X509Data`.
/// Signatures are independent: each verifies on its own with `xmlsec1 --verify --trusted-pem ca.pem`
/// (the n-th chosen with `--node-xpath "(//*[local-name()='Signature'])[n]"`), and a later one
/// never breaks an earlier one.
///
/// ```swift
/// let signed = try XMLSignature.sign(recordXML, source: "8D-2026-001", as: statement, key: key, certificate: der)
/// let found = try XMLSignature.verify(signed, source: "8D-2026-001", trusting: ca)   // [VerifiedSignature]
/// ```
public enum XMLSignature {
    /// The XML-Signature namespace.
    public static let namespace = "http://www.w3.org/2000/09/xmldsig#"
    /// The namespace of the signed properties qmsforms adds.
    public static let propertiesNamespace = "urn:qmsforms:signature"
    static let signatureElement = ExpandedName(namespace, "Signature")
    static let exclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
    static let ecdsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
    static let sha256 = "http://www.w3.org/2001/04/xmlenc#sha256"
    static let enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    static let xpath = "http://www.w3.org/TR/1999/REC-xpath-19991116"
    static let withoutSignatures = "not(ancestor-or-self::ds:Signature)"
    static let propertiesType = "http://www.w3.org/2000/09/xmldsig#SignatureProperties"

    /// `document` with one more signature: `statement` signed by `key`, whose certificate (DER) is `certificate`.
    public static func sign(_ document: Data, source: String, as statement: ElectronicSignature, key: P256.Signing.PrivateKey,
                            certificate: Data) throws -> Data {
        let tree = try XMLTree.parse(document, source: source)
        let index = tree.root.elements.filter { $0.namespace == namespace && $0.name == "Signature" }.count
        let id = "signature-\(index + 1)"
        let content = Data(SHA256.hash(data: try tree.canonicalized(omitting: signatureElement))).base64EncodedString()
        func assembled(properties: String, value: String) throws -> Data {
            try insertedAtEnd(signatureXML(id: id, contentDigest: content, propertiesDigest: properties, value: value,
                                           certificate: certificate, statement: statement), into: document, source: source)
        }
        // The properties' digest, then SignedInfo, each canonicalised where it will stand.
        let propertiesName = ExpandedName(namespace, "SignatureProperties"), signedInfoName = ExpandedName(namespace, "SignedInfo")
        guard let properties = try XMLTree.parse(try assembled(properties: "", value: ""), source: source)
            .canonicalized(element: propertiesName, occurrence: index) else { throw SignatureError.invalid(source: source, signature: index + 1, reason: "no properties") }
        let propertiesDigest = Data(SHA256.hash(data: properties)).base64EncodedString()
        guard let signedInfo = try XMLTree.parse(try assembled(properties: propertiesDigest, value: ""), source: source)
            .canonicalized(element: signedInfoName, occurrence: index) else { throw SignatureError.invalid(source: source, signature: index + 1, reason: "no SignedInfo") }
        let value = try key.signature(for: signedInfo).rawRepresentation.base64EncodedString()
        return try assembled(properties: propertiesDigest, value: value)
    }

    /// The `ds:Signature` element, on one line: no whitespace inside or around it.
    static func signatureXML(id: String, contentDigest: String, propertiesDigest: String, value: String, certificate: Data,
                             statement s: ElectronicSignature) -> String {
        func a(_ v: String) -> String { XMLWriter.escape(v, attribute: true) }
        func t(_ v: String) -> String { XMLWriter.escape(v) }
        let digest = "<ds:DigestMethod Algorithm=\"\(sha256)\"></ds:DigestMethod>"
        let exc = "<ds:Transform Algorithm=\"\(exclusiveC14N)\"></ds:Transform>"
        return "<ds:Signature xmlns:ds=\"\(namespace)\" Id=\"\(id)\"><ds:SignedInfo>"
            + "<ds:CanonicalizationMethod Algorithm=\"\(exclusiveC14N)\"></ds:CanonicalizationMethod>"
            + "<ds:SignatureMethod Algorithm=\"\(ecdsaSHA256)\"></ds:SignatureMethod>"
            + "<ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"\(enveloped)\"></ds:Transform>"
            + "<ds:Transform Algorithm=\"\(xpath)\"><ds:XPath>\(withoutSignatures)</ds:XPath></ds:Transform>\(exc)</ds:Transforms>"
            + "\(digest)<ds:DigestValue>\(contentDigest)</ds:DigestValue></ds:Reference>"
            + "<ds:Reference URI=\"#\(id)-properties\" Type=\"\(propertiesType)\"><ds:Transforms>\(exc)</ds:Transforms>"
            + "\(digest)<ds:DigestValue>\(propertiesDigest)</ds:DigestValue></ds:Reference></ds:SignedInfo>"
            + "<ds:SignatureValue>\(value)</ds:SignatureValue>"
            + "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>\(certificate.base64EncodedString())</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
            + "<ds:Object><ds:SignatureProperties Id=\"\(id)-properties\"><ds:SignatureProperty Target=\"#\(id)\">"
            + "<q:Signed xmlns:q=\"\(propertiesNamespace)\">"
            + "<q:Signer account=\"\(a(s.account))\" certificate-serial=\"\(a(s.certificateSerial))\">\(t(s.signer))</q:Signer>"
            + "<q:Meaning code=\"\(a(s.meaning))\" zh=\"\(a(s.meaningLabel.zh))\" en=\"\(a(s.meaningLabel.en))\"></q:Meaning>"
            + "<q:SigningTime>\(t(s.time))</q:SigningTime>"
            + "</q:Signed></ds:SignatureProperty></ds:SignatureProperties></ds:Object></ds:Signature>"
    }

    /// `fragment` inserted just before the root's end tag (after any whitespace there), the rest unchanged.
    static func insertedAtEnd(_ fragment: String, into document: Data, source: String) throws -> Data {
        let bytes = [UInt8](document)
        var end = bytes.count
        while end > 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
        guard end > 0, bytes[end - 1] == UInt8(ascii: ">"),
              let open = (0..<(end - 1)).reversed().first(where: { bytes[$0] == UInt8(ascii: "<") }),
              bytes[open + 1] == UInt8(ascii: "/") else {
            throw SignatureError.invalid(source: source, signature: 0, reason: "the document does not end with its root's end tag")
        }
        return Data(bytes[..<open]) + Data(fragment.utf8) + Data(bytes[open...])
    }
}
