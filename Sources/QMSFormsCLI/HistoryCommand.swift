import ArgumentParser
import Foundation
import QMSForms

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Print a document's change record 文件更改记录.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Document number or alias.") var document: String
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() async throws {
        let rows: [ChangeRecord]
        do { rows = try await workspace.requireControl().history(document) } catch let f as Failure { throw f } catch { throw Failure(error) }
        switch format {
        case .json:
            let objects: [[String: Any]] = rows.map {
                ["seq": $0.seq, "date": $0.date, "version": $0.version.description, "summary": $0.summary, "before": $0.before,
                 "after": $0.after, "pages": $0.pages, "order": $0.order, "by": $0.by, "remarks": $0.remarks]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        case .text:
            for r in rows {
                print("\(r.seq)\t\(r.date)\t\(r.version)\t\(r.summary)\t\(r.pages)\t\(r.order)\t\(r.by)" + (r.remarks.isEmpty ? "" : "\t\(r.remarks)"))
                for line in r.before.split(separator: "\n") { print("\t  before: \(line)") }
                for line in r.after.split(separator: "\n") { print("\t  after:  \(line)") }
            }
        }
    }
}
