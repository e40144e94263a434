import Foundation
import X509

/// What `archive verify` checks of the signed revisions: the CA certificate is the one the trail
/// logged when it was made, every signature verifies against it (``XMLSignature/verify(_:source:trusting:)``),
/// covers the content revision it was logged against, and was made before its certificate was revoked.
struct SignatureCheck: Sendable {
    /// The CA certificate, when it is the one logged; `nil` with ``authorityProblem`` otherwise.
    var authority: Certificate?
    /// Why signatures cannot be checked (no CA, a replaced `ca.pem`).
    var authorityProblem: String?
    /// Revoked certificate serials, with when.
    var revoked: [String: Date]
    /// Whether the trail logged a CA at all.
    var logged: Bool

    /// The check for the trail `entries`, with the CA kept in `directory`.
    init(entries: [AuditEntry], directory: URL?) {
        revoked = [:]
        var logged: String?
        for entry in entries where entry.action == .certificate {
            guard let detail = entry.detail else { continue }
            if detail.hasPrefix("signing CA created"), let fingerprint = Self.word(after: "certificate SHA-256 ", in: detail) { logged = fingerprint }
            if detail.contains("signing certificate revoked"), let serial = Self.word(after: "serial ", in: detail), let time = Session.date(entry.time) {
                revoked[serial] = revoked[serial] ?? time
            }
        }
        self.logged = logged != nil
        guard let logged else {
            authorityProblem = "the audit trail records no signing CA (qmsforms ca init)"
            return
        }
        guard let directory, let certificate = try? SigningAuthority.authorityCertificate(in: directory) else {
            authorityProblem = "the signing CA certificate is missing (\(directory.map { SigningAuthority.certificateFile(in: $0).path } ?? "ca.pem"))"
            return
        }
        guard SigningAuthority.fingerprint(certificate) == logged else {
            authorityProblem = "\(SigningAuthority.certificateFile(in: directory).path) is not the CA certificate the audit trail logged "
                + "(SHA-256 \(logged)): it was replaced"
            return
        }
        authority = certificate
    }

    /// The problems of one signed revision `data`, labelled `label`, whose signatures must cover the content hashed `contentSHA256`.
    func problems(_ data: Data, label: String, place: String, contentSHA256: String?) -> [String] {
        guard let authority else { return ["\(label): its signatures cannot be checked: \(authorityProblem ?? "no CA")"] }
        let found: [VerifiedSignature]
        do { found = try XMLSignature.verify(data, source: place, trusting: authority) } catch { return ["\(label): \(error)"] }
        guard !found.isEmpty else { return ["\(label): logged as signed, but the XML carries no signature (\(place))"] }
        var problems: [String] = []
        for (i, signature) in found.enumerated() {
            if signature.contentSHA256 != contentSHA256 {
                problems.append("\(label): signature \(i + 1) covers other content than the revision it was logged against (\(place))")
            }
            if let revocation = revocation(of: signature.statement) { problems.append("\(label): signature \(i + 1) \(revocation)") }
        }
        return problems
    }

    /// The problems of the signed document approvals in `entries`.
    func approvalProblems(_ entries: [AuditEntry]) -> [String] {
        entries.compactMap { entry -> String? in
            guard let signed = SignedApproval.carried(by: entry) else {
                return entry.action == .approve && entry.detail?.contains(SignedApproval.marker) == true
                    ? "audit entry \(entry.seq): the signed approval is not base64" : nil
            }
            let label = "\(entry.form ?? "?") \(entry.revision ?? "?") approval (audit entry \(entry.seq))"
            guard let authority else { return "\(label): its signature cannot be checked: \(authorityProblem ?? "no CA")" }
            let (signature, problem) = SignedApproval.problem(in: entry, signed: signed, authority: authority)
            if let problem { return "\(label): \(problem)" }
            return signature.flatMap { revocation(of: $0.statement) }.map { "\(label): its signature \($0)" }
        }
    }

    /// What is wrong when `statement` was signed at or after its certificate's revocation.
    private func revocation(of statement: ElectronicSignature) -> String? {
        guard let revokedAt = revoked[statement.certificateSerial], let signedAt = statement.date, signedAt >= revokedAt else { return nil }
        return "was made at \(statement.time) with certificate \(statement.certificateSerial), revoked at \(ChangeControl.timestamp(revokedAt))"
    }

    private static func word(after prefix: String, in text: String) -> String? {
        guard let range = text.range(of: prefix) else { return nil }
        let word = text[range.upperBound...].prefix { $0.isHexDigit }
        return word.isEmpty ? nil : String(word)
    }
}
