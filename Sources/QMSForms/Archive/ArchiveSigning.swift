import Foundation

extension Archive {
    /// Signature fields no account signs: the customer's and a visitor's own signatures are theirs,
    /// given on paper or by e-mail reference, never by an employee's key.
    public static let outsideSignatures: Set<String> = ["cust_sign", "visitor_sign"]

    /// Signs the latest revision of `number` electronically with `meaning` (the id of one of its
    /// form's signature fields), by the key a ``SigningCeremony`` unsealed: a new record revision
    /// whose XML is the previous one with one more `ds:Signature` appended (the earlier bytes
    /// unchanged) and whose print shows every signature in its block. Logged as `sign`, with the
    /// meaning, the signer, the certificate serial and the SHA-256 of the content signed.
    ///
    /// One signature per meaning, one meaning per person (segregation of duties), and the role the
    /// meaning needs (``AuthorizationPolicy/Action/signingRole(_:)``). A correction after a
    /// signature makes a new content revision that carries none: it is signed again.
    public func sign(_ number: String, meaning: String, with key: SigningCeremony.Key, now: Date? = nil) async throws -> Issued {
        let principal = key.account.principal
        try policy.check(principal, may: .sign(meaning: meaning))
        let now = now ?? clock.now
        return try await commit { () async throws -> (ArchiveChange, String, Int) in
            let history = try await standing(number)
            let first = history[0], latest = history.last!
            let (template, _) = try await documents.template(first.form!, revision: Revision(first.revision!)!)
            let meanings = template.fields.filter { if case .signature = $0.kind { true } else { false } }
            guard let field = meanings.first(where: { $0.id == meaning }), !Self.outsideSignatures.contains(meaning) else {
                throw SignatureError.unknownMeaning(form: template.number, meaning: meaning,
                                                    known: meanings.map(\.id).filter { !Self.outsideSignatures.contains($0) })
            }
            let before = try await store.file(latest.recordFiles[0])
            let earlier = try XMLSignature.statements(in: before, source: number)
            if let same = earlier.first(where: { $0.meaning == meaning }) {
                throw SignatureError.alreadySigned(number: number, meaning: meaning, by: same.signer)
            }
            if let mine = earlier.first(where: { $0.account == key.account.name }) {
                throw SignatureError.sameSigner(number: number, signer: key.account.displayName, earlier: mine.meaning, meaning: meaning)
            }
            let statement = ElectronicSignature(account: key.account.name, signer: key.account.displayName, meaning: meaning,
                                                meaningLabel: field.label, time: ElectronicSignature.timestamp(now), certificateSerial: key.serial)
            let signed = try XMLSignature.sign(before, source: number, as: statement, key: key.privateKey, certificate: key.certificate)
            let record = try await read(latest.recordFiles[0])
            let revision = (history.compactMap(\.recordRevision).max() ?? 0) + 1
            // The content signed is the latest content revision's, whose hash the trail logged.
            let content = history.last(where: { $0.action != .sign })!
            let marks = PrintMarks(corrections: history.filter { $0.action == .correct }.map(correction), signatures: earlier + [statement])
            let change = try archived(record, xml: signed, as: revision, action: .sign, marks: marks, reason: nil,
                                      detail: "\(meaning) by \(key.account.name) (\(key.account.displayName)), certificate serial \(key.serial), "
                                          + "content SHA-256 \(content.xmlSHA256 ?? "")",
                                      by: key.account.displayName, now: now, issuedAt: first.time, state: Self.state(of: history))
            return (change, number, revision)
        }
    }

    /// The signature meanings `form`'s revision in force offers an account, with their labels.
    public func signatureMeanings(of number: String) async throws -> [(id: String, label: Bilingual)] {
        let history = try await store.history(of: number)
        guard let first = history.first(where: { $0.action == .issue }), let form = first.form,
              let revision = first.revision.flatMap(Revision.init) else { throw ArchiveError.unknownRecord(number) }
        return try await documents.template(form, revision: revision).0.fields.compactMap {
            if case .signature = $0.kind, !Self.outsideSignatures.contains($0.id) { ($0.id, $0.label) } else { nil }
        }
    }
}
