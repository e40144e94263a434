import ArgumentParser

struct QMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qmsforms",
        abstract: "Fill, validate and print the controlled forms of the quality department.",
        discussion: """
        FORM is a form number (SG-QR-22-02), an alias (8d) or a path to a template file.
        DATA is a YAML or JSON file, or - for standard input.

        Exit codes:
          0  ok
          1  invalid data (every problem is listed on stderr)
          2  usage error (unknown option, unknown form)
          3  bad template or settings (qms.yaml)
          4  I/O error (unreadable input, unwritable output)
          5  refused by document control or the archive (out of order, not approved,
             obsolete, void, not yet due), or a verification found a problem

        Every command takes --workspace DIR (or QMS_WORKSPACE; default: the current folder).
        """,
        version: "0.1.0",
        subcommands: [FormsCommand.self, ShowCommand.self, ValidateCommand.self, FillCommand.self,
                      BlankCommand.self, SchemaCommand.self, RenderCommand.self, PrintCommand.self, ReportCommand.self, DemoCommand.self, InitCommand.self,
                      ReviseCommand.self, ApproveCommand.self, ReleaseCommand.self, HistoryCommand.self,
                      DiffCommand.self, RegisterCommand.self, IssueCommand.self, CorrectCommand.self, SignCommand.self,
                      VoidCommand.self, ArchiveCommand.self, UserCommand.self, CACommand.self, ComplianceCommand.self, ServeCommand.self]
    )
}
