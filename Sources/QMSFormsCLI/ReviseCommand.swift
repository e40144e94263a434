import ArgumentParser
import QMSForms

struct ReviseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revise", abstract: "Open the next revision from the edited working copy and add its change-record row.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Document number or alias.") var document: String
    @Option(help: "更改内容(摘要): what changed, in one line.") var summary: String
    @Option(help: "更改页次: pages changed, e.g. P1 or 全部.") var pages: String
    @Option(help: "更改文件号: the change order that authorises it.") var order: String
    @Option(help: "更改人 (default: $QMS_USER).") var by: String?
    @Flag(help: "A major change: the edition letter goes up (A/3 → B/0).") var major = false
    @Option(help: "备注.") var remarks: String = ""
    @Option(help: "更改前: the wording before (default: from the structural comparison).") var before: String?
    @Option(help: "更改后: the wording after (default: from the structural comparison).") var after: String?
    @Option(help: dateHelp("更改日期 (default: today).")) var date: Day?
    @Flag(help: "Record again what the open draft changes, after an edit made since it was opened (its signatures are voided).")
    var amend = false

    func run() async throws {
        do {
            let row = try await workspace.requireControl().revise(document, ChangeRequest(
                summary: summary, pages: pages, order: order, by: try principal(by, for: "revise", documentControl: true), major: major, remarks: remarks,
                before: before, after: after, date: date, amend: amend))
            print("\(document): draft \(row.version) \(amend ? "recorded again" : "opened") (change record row \(row.seq))")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
