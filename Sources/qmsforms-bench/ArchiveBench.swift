// The archive benchmark (issue 5): issue rate, verify MB/s and search latency on N generated
// records, through the library. Run by bench/archive.sh.
import Foundation
import QMSForms

func archiveBench() async throws {
    let count = Int(argument("--records", "1000")) ?? 1000
    let forms = URL(fileURLWithPath: argument("--forms", "forms"))
    let root = URL(fileURLWithPath: argument("--workspace", NSTemporaryDirectory() + "qmsforms-bench-\(getpid())"))
    try? FileManager.default.removeItem(at: root)
    let workspace = try await Workspace.create(at: root, from: .folder(forms))
    let archive = try Archive(workspace: workspace)

    let generator = try RecordGenerator(forms: forms, numbered: false)
    func data(_ i: Int) throws -> DataNode {
        try DataSource.parse(Array(generator.line(i).utf8), source: "bench-\(i).json", formatHint: "json")
    }

    print("generating and issuing \(count) records into \(root.path) …")
    var issueTimes: [Double] = []
    let issueTotal = try await seconds {
        for i in 0..<count {
            let node = try data(i)
            issueTimes.append(try await seconds { _ = try await archive.issue("8d", data: node, source: "bench", by: Principal.named("bench")!) })
            if (i + 1) % 10_000 == 0 { print("  \(i + 1) issued") }
        }
    }
    let bytes = try await archive.storedBytes()
    var problems: [String] = []
    let verifyTime = try await seconds { problems = try await archive.verify() }
    precondition(problems.isEmpty, "verify found problems: \(problems.prefix(3))")

    let queries: [(String, Archive.Search)] = [
        ("by number", .init(number: String(format: "8D-2026-%03d", count / 2))),
        ("by customer", .init(customer: "新成")),
        ("by category and form", .init(form: "8d", complaintCategory: "c")),
        ("by date range", .init(from: Day("2026-03-01"), to: Day("2026-03-31"))),
        ("free text (trigram)", .init(text: "批次 \(count - 1)")),
        ("free text (short)", .init(text: "划伤")),
    ]
    var latencies: [(String, Double, Int)] = []
    for (name, query) in queries {
        var hits = 0
        var runs: [Double] = []
        for _ in 0..<7 { runs.append(try await seconds { hits = try await archive.search(query).count }) }
        latencies.append((name, runs.sorted()[3] * 1000, hits))
    }

    let sorted = issueTimes.sorted()
    let mb = Double(bytes) / 1e6
    print("")
    print("records                \(count)")
    print(String(format: "issue rate             %.0f records/s (median %.2f ms, p95 %.2f ms)", Double(count) / issueTotal,
                 sorted[sorted.count / 2] * 1000, sorted[Int(Double(sorted.count) * 0.95)] * 1000))
    print(String(format: "archive verify         %.1f MB in %.2f s = %.0f MB/s", mb, verifyTime, mb / verifyTime))
    for (name, ms, hits) in latencies { print(String(format: "search %-22@ %8.2f ms median (%d hits)", name as NSString, ms, hits)) }

    if let out = CommandLine.arguments.firstIndex(of: "--json").map({ CommandLine.arguments[$0 + 1] }) {
        let json: [String: Any] = [
            "records": count, "issue_records_per_s": Double(count) / issueTotal, "issue_median_ms": sorted[sorted.count / 2] * 1000,
            "verify_mb": mb, "verify_s": verifyTime, "verify_mb_per_s": mb / verifyTime,
            "search_median_ms": Dictionary(uniqueKeysWithValues: latencies.map { ($0.0, $0.1) }),
        ]
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: out))
    }
    try? FileManager.default.removeItem(at: root)
}
