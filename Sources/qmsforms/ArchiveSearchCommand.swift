import ArgumentParser
import QMSForms

struct ArchiveSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Find archived records.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Form number or alias.") var form: String?
    @Option(help: "Record number (* for any characters).") var number: String?
    @Option(help: "Part of the customer's name.") var customer: String?
    @Option(help: "Record date from (yyyy-mm-dd).") var from: String?
    @Option(help: "Record date to (yyyy-mm-dd).") var to: String?
    @Option(help: "Computed status code (closed, D3, …).") var status: String?
    @Option(help: "Complaint category a–e.") var category: String?
    @Option(help: "issued, corrected, void or disposed.") var state: String?
    @Option(help: "text or json") var format: OutputFormat = .text
    @Argument(help: "Words anywhere in the record.") var text: String?

    func run() throws {
        do {
            let rows = try Archive(workspace: workspace.workspace).search(.init(
                form: form, number: number, customer: customer, from: from, to: to, status: status, complaintCategory: category,
                text: text, state: state.flatMap(ArchivedRecord.State.init(rawValue:))))
            try printRecords(rows, format: format)
        } catch { throw Failure(error) }
    }
}
