import Foundation
import Testing

/// `qmsforms demo`: a full year issued, linked as the procedure links records, the same
/// every time for the same seed.
@Suite(.serialized) struct DemoTests {
    func audit(_ ws: URL) throws -> [[String: Any]] {
        try String(contentsOf: ws.appendingPathComponent("archive/audit.log"), encoding: .utf8).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func aYearIsIssuedLinkedAndVerifiable() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let ws = root.appendingPathComponent("ws")
        let r = try CLI.qmsforms("demo", "--year", "2026", "--workspace", ws.path, "--seed", "7")
        #expect(r.status == 0, "\(r.stderr)")
        let total = Int(r.stdout.split(separator: "\n").last?.split(separator: " ").first ?? "") ?? 0
        #expect((1_800...2_200).contains(total), "\(r.stdout)")
        #expect(try CLI.run(CLI.binary, ["archive", "verify"], in: ws).status == 0)

        // Every form of the procedure's records is there, dated in the year.
        let entries = try audit(ws).filter { $0["action"] as? String == "issue" }
        let forms = Set(entries.compactMap { $0["form"] as? String })
        for form in ["SG-QR-07-01", "SG-QR-07-02", "SG-QR-07-03", "SG-QR-07-04", "SG-QR-07-05", "SG-QR-07-06", "SG-QR-18-01",
                     "SG-QR-22-01", "SG-QR-22-02"] {
            #expect(forms.contains(form), "no \(form) issued")
        }
        #expect(entries.allSatisfy { ($0["time"] as? String)?.hasPrefix("2026-") == true })

        // Links point at records that exist: CAPA → feedback form, 8D → feedback form, low survey → CAPA.
        let numbers = Set(entries.compactMap { $0["number"] as? String })
        for entry in entries where ["SG-QR-22-01", "SG-QR-22-02", "SG-QR-18-01"].contains(entry["form"] as? String ?? "") {
            let number = entry["number"] as! String
            let show = try CLI.run(CLI.binary, ["archive", "show", number, "--format", "json"], in: ws)
            let xmlPath = ws.appendingPathComponent("archive").appendingPathComponent(
                ((try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["record"] as? [String: Any])?["path"] as? String ?? "")
                .appendingPathComponent("r0.xml")
            let xml = try String(contentsOf: xmlPath, encoding: .utf8)
            for ref in xml.matches(of: /(?:source_ref|fk_ref|capa_ref)[^>]*>([A-Z0-9-]+)</).map({ String($0.1) }) {
                #expect(numbers.contains(ref), "\(number) links to \(ref), which is not in the archive")
            }
        }
    }

    @Test func theSameSeedGivesTheSameYear() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var hashes: [[String]] = []
        for name in ["a", "b"] {
            let ws = root.appendingPathComponent(name)
            let r = try CLI.qmsforms("demo", "--year", "2025", "--workspace", ws.path, "--seed", "3", "--shipments", "20")
            #expect(r.status == 0, "\(r.stderr)")
            hashes.append(try audit(ws).compactMap { e in (e["xmlSHA256"] as? String).map { (e["number"] as? String ?? "") + " " + $0 } })
        }
        #expect(hashes[0].count > 150 && hashes[0] == hashes[1])
        let other = root.appendingPathComponent("c")
        #expect(try CLI.qmsforms("demo", "--year", "2025", "--workspace", other.path, "--seed", "4", "--shipments", "20").status == 0)
        #expect(try audit(other).compactMap { $0["xmlSHA256"] as? String } != hashes[0].map { String($0.split(separator: " ")[1]) })
    }
}
