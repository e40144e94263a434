import ArgumentParser
import QMSForms

struct ArchiveSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Find archived records.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Form number or alias.") var form: String?
    @Option(help: "Record number (* for any characters).") var number: String?
    @Option(help: "Part of the customer's name.") var customer: String?
    @Option(help: dateHelp("Record date from.")) var from: Day?
    @Option(help: dateHelp("Record date to.")) var to: Day?
    @Option(help: "Computed status code (closed, D3, …).") var status: String?
    @Option(help: "Complaint category a–e.") var category: String?
    @Option(help: "The record's state.") var state: ArchivedRecord.State?
    @Option(help: SheetFormat.help) var format: SheetFormat = .text
    @Argument(help: "Words anywhere in the record: all of them, in any order. A quoted argument with spaces (\"rejected by\") is one phrase.")
    var words: [String] = []

    func run() async throws {
        do {
            let rows = try await workspace.archive().search(.init(
                form: form, number: number, customer: customer, from: from, to: to, status: status, complaintCategory: category,
                text: words.isEmpty ? nil : words.map { $0.contains(" ") && !$0.contains("\"") ? "\"\($0)\"" : $0 }.joined(separator: " "),
                state: state))
            try printRecords(rows, format: format)
        } catch { throw Failure(error) }
    }
}
