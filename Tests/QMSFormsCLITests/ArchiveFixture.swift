import Foundation
import Testing

/// A fresh controlled workspace for archive tests, and example data without record numbers.
struct ArchiveFixture {
    let root: URL
    let ws: URL

    init() throws {
        root = try CLI.temporaryFolder()
        ws = root.appendingPathComponent("ws")
        let r = try CLI.run(CLI.binary, ["init", ws.path, "--from", CLI.root.appendingPathComponent("forms").path])
        precondition(r.status == 0, r.stderr)
        for alias in ["8d", "capa", "feedback", "opinion"] {
            let text = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/\(alias).yaml"), encoding: .utf8)
            let stripped = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("record_no:") }.joined(separator: "\n")
            try Data(stripped.utf8).write(to: root.appendingPathComponent("\(alias).yaml"))
        }
    }

    func data(_ alias: String) -> String { root.appendingPathComponent("\(alias).yaml").path }

    @discardableResult
    func q(_ args: String...) throws -> CLI.Result { try q(Array(args)) }

    func q(_ args: [String]) throws -> CLI.Result {
        try CLI.run(CLI.binary, args, in: ws)
    }

    var archive: URL { ws.appendingPathComponent("archive") }

    /// Numbers in the index, from `archive list --format json`.
    func numbers() throws -> [String] {
        let r = try q("archive", "list", "--format", "json")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        return rows.compactMap { $0["number"] as? String }
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}
