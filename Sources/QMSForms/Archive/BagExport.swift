import Crypto
import Foundation

extension Archive {
    /// What an export put in the bag.
    public struct ExportSummary: Sendable {
        /// Records exported.
        public var records: Int
        /// Template revisions exported (those the records pin).
        public var templates: Int
        /// Audit entries exported.
        public var auditEntries: Int
        /// Payload bytes.
        public var bytes: Int
    }

    /// Writes a BagIt 1.0 bag (RFC 8493) at `bag`: the records of the range (XML and HTML, every
    /// revision), every template revision they pin, the audit entries of the range, and
    /// SHA-256 and SHA-512 manifests, so `bagit.py --validate` checks it without qmsforms.
    public func export(to bag: URL, from: Day?, to: Day?, form: String?, by principal: Principal) async throws -> ExportSummary {
        try policy.check(principal, may: .export)
        let by = principal.displayName, now = clock.now
        guard !by.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError.missingBy(action: "export") }
        let fm = FileManager.default
        guard !fm.fileExists(atPath: bag.path) else { throw ArchiveError.bagExists(bag.path) }
        try await freshIndex()
        // An auditor's package of a tampered archive would vouch for it: verify first.
        let problems = try await verify()
        guard problems.isEmpty else { throw ArchiveError.notVerified(problems: problems) }
        var formNumber: String?
        if let form { formNumber = try await documents.templateForFilling(form).0.number }
        let number = formNumber
        return try await store.perform { () async throws -> ArchivePlan<ExportSummary> in
            let formNumber = number
            func inRange(_ time: String) -> Bool {
                let day = String(time.prefix(10))
                return (from.map { day >= $0.description } ?? true) && (to.map { day <= $0.description } ?? true)
            }
            let rows = try await store.search(Search()).filter { $0.state != .disposed && inRange($0.issuedAt) && (formNumber == nil || $0.form == formNumber) }
            let numbers = Set(rows.map(\.number))
            let building = bag.deletingLastPathComponent().appendingPathComponent(".\(bag.lastPathComponent).\(getpid()).tmp")
            try? fm.removeItem(at: building)
            defer { try? fm.removeItem(at: building) }
            var payload: [(path: String, data: Data)] = []
            var pins: Set<String> = []
            for row in rows {
                for rev in 0...row.revision {
                    for ext in ["xml", "html"] {
                        payload.append(("data/\(row.path)/r\(rev).\(ext)", try await store.file("\(row.path)/r\(rev).\(ext)")))
                    }
                }
                pins.insert(row.form + "|" + row.templateRevision)
            }
            payload += try signatureFiles(for: payload)
            for pin in pins.sorted() {
                let parts = pin.split(separator: "|").map(String.init)
                let data = try await documents.frozenBytes(parts[0], revision: parts[1])
                payload.append(("data/templates/\(parts[0])/\(parts[1].replacingOccurrences(of: "/", with: "-")).xml", data))
            }
            let all = try await store.entries()
            let head = all.last
            // The head as signed, so the bag's claim about the trail is checked with openssl alone.
            let signed = try await store.signedHead()
            if let head, signed.map({ $0.seq != head.seq || $0.hash != head.hash || !$0.isValid() }) ?? true {
                throw ArchiveError.notVerified(problems: ["the audit trail's head (entry \(head.seq)) is not signed by the archive's key"])
            }
            let signature = signed.map {
                "\nAudit-Chain-Head-Signed-Text: \($0.signedText)\nAudit-Chain-Head-Signature: \($0.signature)"
                    + "\nAudit-Chain-Head-Public-Key: \($0.publicKeyDER)\nAudit-Chain-Head-Key-SHA256: \($0.keyFingerprint)"
            } ?? ""
            let selected = all.filter { e in e.number.map(numbers.contains) ?? (formNumber == nil && inRange(e.time)) }
            payload.append(("data/audit.log", Data(selected.map { $0.canonicalJSON + Data([UInt8(ascii: "\n")]) }.joined())))

            /// A failure writing the bag names the bag asked for, not the folder it is built in.
            func writing(_ body: () throws(FileError) -> Void) throws {
                do { try body() } catch {
                    var failure = error
                    failure.path = bag.path
                    throw ArchiveError.file(failure)
                }
            }
            for (path, data) in payload {
                let url = building.appendingPathComponent(path)
                try writing { () throws(FileError) in try DurableFile.makeFolder(url.deletingLastPathComponent()); try DurableFile.write(data, to: url) }
            }
            let octets = payload.reduce(0) { $0 + $1.data.count }
            let tags: [(String, Data)] = [
                ("bagit.txt", Data("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)),
                ("bag-info.txt", Data("""
                    Source-Organization: \(settings.company.zh) / \(settings.company.en)
                    Bagging-Date: \(ChangeControl.today(now))
                    Payload-Oxum: \(octets).\(payload.count)
                    External-Description: Quality records exported by qmsforms: XML records of truth, their HTML prints, the template revisions they pin, and the audit-log entries.
                    Date-Range: \(from?.description ?? "first") to \(to?.description ?? "last")
                    Record-Count: \(rows.count)
                    Template-Revision-Count: \(pins.count)
                    Audit-Entry-Count: \(selected.count)
                    Audit-Chain-Head: \(head.map { "entry \($0.seq), SHA-256 \($0.hash)" } ?? "empty")\(signature)

                    """.utf8)),
                ("manifest-sha256.txt", manifest(payload, SHA256.self)),
                ("manifest-sha512.txt", manifest(payload, SHA512.self)),
            ]
            let tagManifests = [("tagmanifest-sha256.txt", manifest(tags, SHA256.self)), ("tagmanifest-sha512.txt", manifest(tags, SHA512.self))]
            for (name, data) in tags + tagManifests {
                try writing { () throws(FileError) in try DurableFile.write(data, to: building.appendingPathComponent(name)) }
            }
            try writing { () throws(FileError) in try FileError.attempt(.move, bag) { try fm.moveItem(at: building, to: bag) } }
            let entry = AuditEntry(seq: 0, time: ChangeControl.timestamp(now), actor: by, action: .export, form: formNumber,
                                   detail: "\(rows.count) records, \(from?.description ?? "first") to \(to?.description ?? "last"), to \(bag.lastPathComponent)",
                                   prev: "")
            return ArchivePlan(change: ArchiveChange(entry: entry),
                               result: ExportSummary(records: rows.count, templates: pins.count, auditEntries: selected.count, bytes: octets))
        }.result
    }

    /// For a bag holding signed revisions: the CA certificate (`data/signing-ca.pem`) and
    /// `data/verify-signatures.sh`, which runs xmlsec1 on every signature with that certificate alone,
    /// each at the time it was made (`--verification-gmt-time`), so a certificate that has since
    /// expired does not fail a signature that was valid when it was given.
    private func signatureFiles(for payload: [(path: String, data: Data)]) throws -> [(path: String, data: Data)] {
        var checks: [String] = []
        let gmt = DateFormatter()
        gmt.locale = Locale(identifier: "en_US_POSIX")
        gmt.timeZone = TimeZone(identifier: "UTC")
        gmt.dateFormat = "yyyy-MM-dd HH:mm:ss"
        for (path, data) in payload where path.hasSuffix(".xml") {
            for (i, statement) in try XMLSignature.statements(in: data, source: path).enumerated() {
                let file = String(path.dropFirst("data/".count)).replacingOccurrences(of: "'", with: "'\\''")
                checks.append("check '\(file)' \(i + 1) '\(statement.date.map(gmt.string) ?? "")' '\(statement.meaning)'")
            }
        }
        guard !checks.isEmpty else { return [] }
        guard let directory = signingAuthority, let ca = try? Data(contentsOf: SigningAuthority.certificateFile(in: directory)) else {
            throw ArchiveError.notVerified(problems: ["the bag holds signed records but the workspace's signing CA certificate cannot be read"])
        }
        let script = """
            #!/bin/sh
            # Verifies every electronic signature in this bag with xmlsec1 (Debian: apt-get install xmlsec1),
            # trusting only the CA certificate beside this script (signing-ca.pem, also in the bag's manifests).
            # Each signature is checked as of the moment it was made. Exit status 0: all verified.
            cd "$(dirname "$0")" || exit 2
            command -v xmlsec1 >/dev/null 2>&1 || { echo "verify-signatures.sh: xmlsec1 is not installed" >&2; exit 2; }
            total=0; failed=0
            check() {
              total=$((total + 1))
              if xmlsec1 --verify --trusted-pem signing-ca.pem --verification-gmt-time "$3" \\
                   --node-xpath "(//*[local-name()='Signature'])[$2]" "$1" >/dev/null 2>&1; then
                echo "OK    $1 signature $2 ($4)"
              else
                echo "FAIL  $1 signature $2 ($4)"; failed=$((failed + 1))
              fi
            }
            \(checks.joined(separator: "\n"))
            echo "$((total - failed)) of $total signatures verified"
            [ "$failed" -eq 0 ]

            """
        return [("data/signing-ca.pem", ca), ("data/verify-signatures.sh", Data(script.utf8))]
    }

    /// `HASH  path` lines; paths percent-encode CR, LF and % as RFC 8493 asks.
    private func manifest<H: HashFunction>(_ files: [(String, Data)], _ hash: H.Type) -> Data {
        Data(files.map { path, data in
            let digest = H.hash(data: data).map { String(format: "%02x", $0) }.joined()
            let encoded = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
                .replacingOccurrences(of: "\r", with: "%0D")
            return digest + "  " + encoded + "\n"
        }.joined().utf8)
    }
}
