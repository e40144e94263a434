import Foundation

// The batch benchmark (issue 7): the qmsforms binary on N generated 8D records — fill, validate,
// issue, archive verify, single-fill latency, peak memory at N and at a large N — and the
// peers in ../shared/bench/peers on the same N, in one run. Run by bench/batch.sh.

func batchBench() throws {
    let n = Int(argument("--records", "10000")) ?? 10000
    let large = Int(argument("--large", "1000000")) ?? 1_000_000
    let forms = URL(fileURLWithPath: argument("--forms", "forms")).standardizedFileURL
    let peers = URL(fileURLWithPath: argument("--peers", "../shared/bench/peers")).standardizedFileURL
    let q = argument("--qmsforms", ".build/release/qmsforms")
    let work = URL(fileURLWithPath: argument("--work", NSTemporaryDirectory() + "qmsforms-batch-\(getpid())"))
    try? FileManager.default.removeItem(at: work)
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    func path(_ name: String) -> String { work.appendingPathComponent(name).path }
    func step(_ text: String) { FileHandle.standardError.write(Data("· \(text)\n".utf8)) }
    func check(_ r: Child, _ what: String) throws {
        guard r.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "\(what) failed with exit \(r.status)"]) }
    }
    var results: [String: Any] = ["records": n, "large": large]

    step("generating \(n) records")
    try RecordGenerator(forms: forms, numbered: true).write(n, to: URL(fileURLWithPath: path("records.jsonl")))
    try RecordGenerator(forms: forms, numbered: false).write(n, to: URL(fileURLWithPath: path("unnumbered.jsonl")))
    let inputMB = Double(diskBytes(path("records.jsonl"))) / 1e6

    step("fill \(n)")
    let fill = try Child.run([q, "fill", "8d", path("records.jsonl"), "-o", path("fill"), "--workspace", forms.deletingLastPathComponent().path])
    try check(fill, "fill")
    let fillMB = Double(diskBytes(path("fill"))) / 1e6
    try? FileManager.default.removeItem(atPath: path("fill"))
    results["fill"] = ["seconds": fill.seconds, "records_per_s": Double(n) / fill.seconds, "mb_written": fillMB,
                       "mb_per_s": fillMB / fill.seconds, "input_mb": inputMB, "peak_rss_mb": Double(fill.maxRSSKB) / 1024]

    step("validate \(n)")
    let validate = try Child.run([q, "validate", "8d", path("records.jsonl"), "--workspace", forms.deletingLastPathComponent().path])
    try check(validate, "validate")
    results["validate"] = ["seconds": validate.seconds, "records_per_s": Double(n) / validate.seconds, "peak_rss_mb": Double(validate.maxRSSKB) / 1024]

    step("single fill, 20 runs")
    var singles: [Double] = []
    for _ in 0..<20 {
        let r = try Child.run([q, "fill", "8d", forms.appendingPathComponent("examples/8d.yaml").path, "-o", path("single"),
                               "--workspace", forms.deletingLastPathComponent().path])
        try check(r, "single fill")
        singles.append(r.seconds)
    }
    results["single_fill_ms"] = ["median": singles.sorted()[10] * 1000, "min": singles.min()! * 1000, "max": singles.max()! * 1000]

    step("issue \(n) into a new workspace")
    let ws = path("ws")
    try check(try Child.run([q, "init", ws, "--from", forms.path]), "init")
    let issue = try Child.run([q, "issue", "8d", path("unnumbered.jsonl"), "--by", "bench", "--workspace", ws])
    try check(issue, "issue")
    results["issue"] = ["seconds": issue.seconds, "records_per_s": Double(n) / issue.seconds, "peak_rss_mb": Double(issue.maxRSSKB) / 1024]

    step("archive verify")
    let verify = try Child.run([q, "archive", "verify", "--workspace", ws])
    try check(verify, "verify")
    // The bytes verify read (the audit log and every record file), as it reports them: "archive verified: 87.8 MB in …".
    let archiveMB = Double(verify.stdout.split(separator: " ").dropFirst(2).first ?? "") ?? 0
    results["verify"] = ["seconds": verify.seconds, "mb": archiveMB, "mb_per_s": archiveMB / verify.seconds]
    try? FileManager.default.removeItem(atPath: ws)

    var largeFill: Child?
    if large > 0 {
        step("generating \(large) records")
        try RecordGenerator(forms: forms, numbered: true).write(large, to: URL(fileURLWithPath: path("large.jsonl")))
        step("fill \(large)")
        let r = try Child.run([q, "fill", "8d", path("large.jsonl"), "-o", path("large"), "--workspace", forms.deletingLastPathComponent().path])
        try check(r, "large fill")
        largeFill = r
        try? FileManager.default.removeItem(atPath: path("large.jsonl"))
        try? FileManager.default.removeItem(atPath: path("large"))
        results["fill_large"] = ["seconds": r.seconds, "records_per_s": Double(large) / r.seconds, "peak_rss_mb": Double(r.maxRSSKB) / 1024,
                                 "time_ratio_to_n": r.seconds / fill.seconds]
    }

    step("peers on \(n)")
    let peerDir = path("peers")
    try FileManager.default.createDirectory(atPath: peerDir, withIntermediateDirectories: true)
    for file in ["jinja_peer.py", "lxml_xslt_peer.py", "report8d.json", "report8d.xsl"] {
        try FileManager.default.copyItem(atPath: peers.appendingPathComponent(file).path, toPath: peerDir + "/" + file)
    }
    func peer(_ script: String) throws -> Child { try Child.run(["sh", "-c", "cd '\(peerDir)' && exec python3 \(script) \(n) report8d.json"]) }
    let jinja = try peer("jinja_peer.py"), lxml = try peer("lxml_xslt_peer.py")
    try check(jinja, "the Jinja2 peer (pip install Jinja2)")
    try check(lxml, "the lxml peer (pip install lxml)")
    /// "… = 8,912 records/s, 2,034 bytes/page" → (8912, 2034)
    func rates(_ line: Substring) -> (Double, Double?) {
        let numbers = line.split(separator: "=").last!.split(separator: " ").compactMap { Double($0.replacingOccurrences(of: ",", with: "")) }
        return (numbers.first ?? 0, numbers.count > 1 ? numbers[1] : nil)
    }
    let jinjaRate = rates(jinja.stdout.split(separator: "\n")[0])
    let lxmlLines = lxml.stdout.split(separator: "\n")
    let lxmlTransform = rates(lxmlLines[0]), lxmlFull = rates(lxmlLines[1])
    results["peers"] = ["jinja2_records_per_s": jinjaRate.0, "jinja2_bytes_per_page": jinjaRate.1 ?? 0,
                        "lxml_transform_records_per_s": lxmlTransform.0, "lxml_bytes_per_page": lxmlTransform.1 ?? 0,
                        "lxml_full_records_per_s": lxmlFull.0]

    // The table.
    let fillRate = Double(n) / fill.seconds
    let fillBytesPerRecord = fillMB * 1e6 / Double(n)
    let verifyRate = archiveMB / verify.seconds
    let singleMedian = singles.sorted()[10] * 1000
    func row(_ what: String, _ value: String, _ against: String) { print(what.padding(toLength: 34, withPad: " ", startingAt: 0) + value.padding(toLength: 22, withPad: " ", startingAt: 0) + against) }
    func met(_ ok: Bool) -> String { ok ? "met" : "NOT met" }
    print("")
    row("measure (N = \(n))", "qmsforms", "target / peer")
    row("fill XML+HTML, records/s", String(format: "%.0f", fillRate),
        String(format: "%.1f× Jinja2 (%.0f/s), target ≥ 5×: %@", fillRate / jinjaRate.0, jinjaRate.0, met(fillRate >= 5 * jinjaRate.0)))
    row("fill, MB/s written", String(format: "%.1f (%.0f kB/record)", fillMB / fill.seconds, fillBytesPerRecord / 1000),
        String(format: "Jinja2 %.1f MB/s (%.1f kB/page)", jinjaRate.0 * (jinjaRate.1 ?? 0) / 1e6, (jinjaRate.1 ?? 0) / 1000))
    row("  vs lxml+XSLT, records/s", "", String(format: "%.1f× built per record (%.0f/s), %.1f× transform only (%.0f/s)",
                                                fillRate / lxmlFull.0, lxmlFull.0, fillRate / lxmlTransform.0, lxmlTransform.0))
    row("validate, records/s", String(format: "%.0f", Double(n) / validate.seconds), "")
    row("issue into the archive, records/s", String(format: "%.0f", Double(n) / issue.seconds), "")
    row("archive verify, MB/s", String(format: "%.0f (%.0f MB)", verifyRate, archiveMB), "target ≥ 200: " + met(verifyRate >= 200))
    row("single fill, median of 20, ms", String(format: "%.1f", singleMedian), "target < 20: " + met(singleMedian < 20))
    row("peak RSS, fill \(n), MB", String(format: "%.0f", Double(fill.maxRSSKB) / 1024), "")
    if let r = largeFill {
        row("peak RSS, fill \(large), MB", String(format: "%.0f", Double(r.maxRSSKB) / 1024), "target < 150: " + met(Double(r.maxRSSKB) / 1024 < 150))
        row("time \(large) / time \(n)", String(format: "%.1f (%.0f s)", r.seconds / fill.seconds, r.seconds),
            String(format: "target ≤ %.0f: %@", 110 * Double(large) / Double(n) / 100, met(r.seconds <= 110 * Double(large) / Double(n) / 100 * fill.seconds)))
    }
    if let out = CommandLine.arguments.firstIndex(of: "--json").map({ CommandLine.arguments[$0 + 1] }) {
        try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: out))
    }
}
