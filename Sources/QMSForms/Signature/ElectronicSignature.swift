import Foundation

/// What one electronic signature states (21 CFR 11.50): who signed — their account and printed
/// name —, when, with the time zone, and what the signature means (a signature role the form
/// declares: prepared, reviewed, approved, verified …). Carried, signed, inside the
/// `ds:Signature` it belongs to, and printed where a wet-ink signature would go.
public struct ElectronicSignature: Sendable, Equatable {
    /// The signer's account name.
    public var account: String
    /// The signer's printed name.
    public var signer: String
    /// The meaning: the id of the form's signature field (`reviewed`).
    public var meaning: String
    /// The meaning as the form names it.
    public var meaningLabel: Bilingual
    /// When, ISO 8601 with the signer's UTC offset (`2026-12-02T18:15:07+08:00`).
    public var time: String
    /// The serial number of the signer's certificate, hex.
    public var certificateSerial: String

    /// A statement that `signer` (`account`) signed with `meaning` at `time`, with the certificate `certificateSerial`.
    public init(account: String, signer: String, meaning: String, meaningLabel: Bilingual, time: String, certificateSerial: String) {
        self.account = account
        self.signer = signer
        self.meaning = meaning
        self.meaningLabel = meaningLabel
        self.time = time
        self.certificateSerial = certificateSerial
    }

    /// `date` as ISO 8601 with the offset of `timeZone` (the machine's own by default), to the second.
    public static func timestamp(_ date: Date, in timeZone: TimeZone = .current) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The moment ``time`` names.
    public var date: Date? { ISO8601DateFormatter().date(from: time) }

    /// ``time`` as printed: `2026-12-02 18:15:07 +08:00`, or `… UTC`.
    public var printedTime: String {
        var t = time.replacingOccurrences(of: "T", with: " ")
        if t.hasSuffix("Z") { t.removeLast(); return t + " UTC" }
        if let sign = t.lastIndex(where: { $0 == "+" || $0 == "-" }), t.distance(from: t.startIndex, to: sign) > 10 {
            t.insert(" ", at: sign)
        }
        return t
    }
}
