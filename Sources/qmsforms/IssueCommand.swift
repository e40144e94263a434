import ArgumentParser
import Foundation
import QMSForms

struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Archive a record: next number, frozen XML and HTML, hashes, audit log, index.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "Form number or alias.") var form: String
    @Argument(help: "YAML, JSON or CSV data (without record_no: the archive numbers it), or -.") var data: String
    @Option(help: "Who issues it (default: $QMS_USER).") var by: String?

    func run() throws {
        do {
            let archive = try Archive(workspace: workspace.workspace)
            let (template, _) = try workspace.form(form)
            let issued = try archive.issue(form, data: try readData(data, for: template), source: data == "-" ? "<stdin>" : data, by: actor(by))
            print("\(issued.number)\t\(issued.xmlPath.path)\t\(issued.htmlPath.path)")
        } catch let failure as Failure { throw failure } catch { throw Failure(error) }
    }
}
