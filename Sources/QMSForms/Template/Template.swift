/// A controlled form template: identity, control data, change record and field model.
///
/// Load templates with ``TemplateLoader`` or a ``FormCatalog``; a loaded template is
/// immutable and validated (every field a rule, computation or ``ArchiveProfile`` names exists
/// and has the right type), and knows the SHA-256 of the exact bytes it came from.
///
/// ```swift
/// let catalog = try FormCatalog(directory: URL(fileURLWithPath: "forms"))
/// let template = try catalog.template(named: "8d")
/// print(template.number, template.control.revision)   // SG-QR-22-02 A/0
/// ```
public struct Template: Sendable {
    /// What the controlled document is.
    public enum Kind: String, Sendable {
        /// A record form: fields filled from data.
        case form
        /// A procedure: a document of text, flow chart and turtle diagram, printed as it is.
        case procedure
    }

    /// A form or a procedure.
    public let kind: Kind
    /// The text of a procedure; `nil` for forms.
    public let document: ProcedureDocument?
    /// Form or document number, e.g. `SG-QR-22-02`, `SG-QP-07`.
    public let number: String
    /// Owning procedure, e.g. `SG-QP-22`.
    public let procedure: String
    /// Short name used on the command line, e.g. `8d`.
    public let alias: String
    /// The title.
    public let title: Bilingual
    /// Revision, approvals, effective date, retention, department, record numbering.
    public let control: DocumentControl
    /// 文件更改记录, oldest first.
    public let changeRecord: [ChangeRecord]
    /// The sections of a form, in order (none for a procedure).
    public let sections: [Section]
    /// Lower-case hex SHA-256 of the template file's bytes.
    public let sha256: String
    /// Where it was loaded from.
    public let path: String
    /// Print hint: A4 landscape, for wide sheets such as the call/letter log.
    public let landscape: Bool
    /// What the archive and reports know about its records.
    public let archive: ArchiveProfile

    private let index: [String: FieldLocation]

    /// Where a field sits: its section and position.
    private struct FieldLocation: Sendable {
        var section: Int
        var field: Int
    }

    /// A template; ``TemplateLoader`` makes them from template files.
    public init(number: String, procedure: String, alias: String, title: Bilingual,
                control: DocumentControl, changeRecord: [ChangeRecord], sections: [Section],
                sha256: String, path: String, kind: Kind = .form, document: ProcedureDocument? = nil, landscape: Bool = false,
                archive: ArchiveProfile = ArchiveProfile()) {
        self.kind = kind
        self.document = document
        self.landscape = landscape
        self.archive = archive
        self.number = number
        self.procedure = procedure
        self.alias = alias
        self.title = title
        self.control = control
        self.changeRecord = changeRecord
        self.sections = sections
        self.sha256 = sha256
        self.path = path
        var index: [String: FieldLocation] = [:]
        for (s, section) in sections.enumerated() {
            for (f, field) in section.fields.enumerated() {
                index[field.id] = FieldLocation(section: s, field: f)
            }
        }
        self.index = index
    }

    /// The top-level field with this id (not table columns).
    public func field(_ id: String) -> Field? {
        index[id].map { sections[$0.section].fields[$0.field] }
    }

    /// The section holding the top-level field `id`.
    public func section(of id: String) -> Section? {
        index[id].map { sections[$0.section] }
    }

    /// `section.field`, the path a field has in data and messages.
    public func path(of id: String) -> String {
        guard let section = section(of: id) else { return id }
        return section.id + "." + id
    }

    /// Every top-level field, in order.
    public var fields: [Field] { sections.flatMap(\.fields) }

    /// The XML namespace of this form's records.
    public var recordNamespace: String { "urn:qmsforms:record:" + number }
}
