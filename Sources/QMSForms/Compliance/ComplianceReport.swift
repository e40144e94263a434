import Foundation

/// The checklist as a reader gets it: plain text for the terminal, JSON for tools, one HTML page for the file.
public enum ComplianceReport {
    /// One clause a paragraph: mark, clause, requirement, feature, then its tests.
    public static func text(_ clauses: [ComplianceClause]) -> String {
        clauses.map { c in
            "\(c.status.mark) \(c.clause) — \(c.requirement)\n  \(c.feature)\n"
                + (c.tests.isEmpty ? "  tests: none (\(c.status == .company ? "the company's" : "not proven"))\n" : c.tests.map { "  test: \($0)\n" }.joined())
        }.joined(separator: "\n") + "\n" + summary(clauses) + "\n"
    }

    /// The clauses as a JSON array, keys sorted.
    public static func json(_ clauses: [ComplianceClause]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(clauses)
    }

    /// A standalone HTML page (no script, no outside resource), every value escaped.
    public static func html(_ clauses: [ComplianceClause]) -> String {
        var h: HTML = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>qmsforms compliance checklist</title>\n"
        h += "<style>body{font-family:\"Noto Sans CJK SC\",sans-serif;font-size:10pt;margin:12mm}table{border-collapse:collapse;width:100%}"
        h += "th,td{border:1px solid #000;padding:1.5mm;vertical-align:top;text-align:left}td.mark{font-size:14pt;text-align:center}"
        h += "ul{margin:0;padding-left:4mm}code{font-size:8.5pt}</style>\n</head>\n<body>\n"
        h += "<h1>Compliance checklist: ISO 9001:2015 7.5 and 21 CFR Part 11</h1>\n<p>\(summary(clauses))</p>\n"
        h += "<table>\n<thead><tr><th scope=\"col\"></th><th scope=\"col\">Clause</th><th scope=\"col\">Requirement</th>"
        h += "<th scope=\"col\">How qmsforms meets it</th><th scope=\"col\">Tests</th></tr></thead>\n<tbody>\n"
        for c in clauses {
            let tests: HTML = c.tests.isEmpty ? "—" : "<ul>" + c.tests.map { "<li><code>\($0)</code></li>" as HTML }.joined() + "</ul>"
            h += "<tr><td class=\"mark\" title=\"\(c.status.rawValue)\">\(c.status.mark)</td><th scope=\"row\">\(c.clause)</th>"
            h += "<td>\(c.requirement)</td><td>\(c.feature)</td><td>\(tests)</td></tr>\n"
        }
        return (h + "</tbody>\n</table>\n</body>\n</html>\n").markup
    }

    static func summary(_ clauses: [ComplianceClause]) -> String {
        let count = { (s: ComplianceClause.Status) in clauses.filter { $0.status == s }.count }
        return "✔ met \(count(.met)) · ◐ partly \(count(.partly)) · ✗ the company's \(count(.company)) of \(clauses.count) clauses; "
            + "the tests are read from the test suite's tags"
    }
}
