import ArgumentParser
import QMSForms

// Typed values are parsed once, where they enter: a malformed one is a usage error (exit 2)
// whose message names the accepted form (the value name shows it: `--as-of <yyyy-mm-dd>`,
// and enumerations list their values).

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .default }
}

extension Revision: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension ArchivedRecord.State: ExpressibleByArgument {}

extension Language: ExpressibleByArgument {}

/// The help of a date option: its value is written `yyyy-mm-dd`.
func dateHelp(_ text: String) -> ArgumentHelp { ArgumentHelp(text, valueName: "yyyy-mm-dd") }

/// The help of a revision option: its value is written like `A/1`.
func revisionHelp(_ text: String) -> ArgumentHelp { ArgumentHelp(text, valueName: "edition/revision") }
extension Approval.Role: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {}

extension Principal.Role: ExpressibleByArgument {}

/// How data files are read: `--encoding`.
struct DataOptions: ParsableArguments {
    @Option(help: "The data's character encoding: utf-8 (default, with or without BOM) or gb18030 (GBK: Excel's \"CSV\" on Chinese Windows).")
    var encoding: TextEncoding = .utf8
    @Option(help: "For an .xlsx workbook: the sheet to read (default: the first).")
    var sheet: String?
}
