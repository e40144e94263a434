import Foundation

/// One field of a template: its id, bilingual label, type and rules.
///
/// Ids are unique across a template, so rules and computations name other fields by id;
/// in data and messages a field is addressed by its path `section.field`.
public struct Field: Sendable {
    /// The field's id: its key in data and its element in the XML.
    public var id: String
    /// The label, as printed.
    public var label: Bilingual
    /// What the field holds, with its rules.
    public var kind: Kind
    /// Whether it must be given.
    public var required: Bool
    /// The field becomes required when any of these holds.
    public var requiredWhen: [Condition]
    /// A short hint shown under the label and in error messages.
    public var hint: Bilingual?
    /// Print hint: column width inside a table (`"20%"`, `"30mm"`).
    public var width: String?
    /// Line of the field's element in the template, for messages.
    public var line: Int
    /// For an enum: a filled form prints every option with the chosen one ticked (`show="all"`),
    /// as a rating scale is seen on paper, instead of the chosen option alone.
    public var showsAllOptions = false

    /// A field; templates make them when they load.
    public init(id: String, label: Bilingual, kind: Kind, required: Bool = false,
                requiredWhen: [Condition] = [], hint: Bilingual? = nil, width: String? = nil, line: Int = 0) {
        self.id = id
        self.label = label
        self.kind = kind
        self.required = required
        self.requiredWhen = requiredWhen
        self.hint = hint
        self.width = width
        self.line = line
    }

    /// The type of a field and its type-specific rules.
    public indirect enum Kind: Sendable {
        /// One line of text.
        case text(TextRules)
        /// Several lines; `lines` sizes the box on a blank form.
        case multiline(TextRules, lines: Int)
        /// A whole number.
        case integer(NumberRules)
        /// A decimal number.
        case decimal(NumberRules)
        /// A date, `yyyy-mm-dd`.
        case date(DateRules)
        /// A date and time of day.
        case datetime(DateRules)
        /// Yes or no.
        case boolean
        /// Exactly one option.
        case choice(Options)
        /// Any number of options (a checkbox group).
        case multi(Options)
        /// Another record's number, whose prefix must be one of `prefixes`.
        case reference(prefixes: [String])
        /// A printed name and a date, both of which may stay blank for wet ink.
        case signature
        /// Rows of cells, one column per field.
        case table(Table)
        /// Computed, never given.
        case computed(Computation)
    }

    /// The type's name as the template language spells it.
    public var typeName: String {
        switch kind {
        case .text: "text"
        case .multiline: "multiline"
        case .integer: "integer"
        case .decimal: "decimal"
        case .date: "date"
        case .datetime: "datetime"
        case .boolean: "boolean"
        case .choice: "enum"
        case .multi: "multi"
        case .reference: "reference"
        case .signature: "signature"
        case .table: "table"
        case .computed: "computed"
        }
    }

    /// Whether the field is computed (never given in data).
    public var isComputed: Bool {
        if case .computed = kind { true } else { false }
    }
}

/// Rules for text fields.
public struct TextRules: Sendable {
    /// The most characters allowed.
    public var maxLength: Int?
    /// A regular expression the whole value must match, as written in the template.
    public var pattern: String?
    /// `pattern`, compiled once when the template loads.
    public var regex: NSRegularExpression?

    /// Rules for a text field.
    public init(maxLength: Int? = nil, pattern: String? = nil, regex: NSRegularExpression? = nil) {
        self.maxLength = maxLength
        self.pattern = pattern
        self.regex = regex
    }
}


/// Order and period rules for date and date-time fields, each naming another field.
public struct DateRules: Sendable {
    /// This value may not be earlier than that field's.
    public var notBefore: String?
    /// This value must be strictly earlier than that field's (a notice before shipping).
    public var before: String?
    /// The date must fall in the year and quarter (`Q1`…`Q4`) these fields hold.
    public var yearField: String?
    /// The field the date's quarter must agree with (a Q1–Q4 enum).
    public var quarterField: String?
    /// The field the date's month must agree with (an integer 1–12), with ``yearField``: a
    /// monthly sheet's entries lie in its month.
    public var monthField: String?

    /// Rules for a date or date-time field.
    public init(notBefore: String? = nil, before: String? = nil, yearField: String? = nil, quarterField: String? = nil,
                monthField: String? = nil) {
        self.monthField = monthField
        self.notBefore = notBefore
        self.before = before
        self.yearField = yearField
        self.quarterField = quarterField
    }

    /// The fields these rules compare with.
    var others: [String] { [notBefore, before].compactMap { $0 } }
}

/// Rules for integer and decimal fields.
public struct NumberRules: Sendable {
    /// The smallest value allowed.
    public var min: Decimal?
    /// The largest value allowed.
    public var max: Decimal?
    /// Unit printed after the value (`kg`, `件`).
    public var unit: String?

    /// Rules for a number field.
    public init(min: Decimal? = nil, max: Decimal? = nil, unit: String? = nil) {
        self.min = min
        self.max = max
        self.unit = unit
    }
}

/// A named list of choices (codes with bilingual labels) for enum and multi fields.
public struct Options: Sendable {
    /// The list's id, as fields name it.
    public var id: String
    /// The options in order.
    public var options: [Option]

    /// A list `id` of `options`.
    public init(id: String, options: [Option]) {
        self.id = id
        self.options = options
    }

    /// One option: a code in data, a label on paper, points where it scores.
    public struct Option: Sendable, Equatable {
        /// The code in data and XML.
        public var code: String
        /// The label as printed.
        public var label: Bilingual
        /// Points for weighted scores; `nil` means the option is excluded (N/A).
        public var points: Decimal?

        /// An option `code` labelled `label`.
        public init(code: String, label: Bilingual, points: Decimal? = nil) {
            self.code = code
            self.label = label
            self.points = points
        }
    }

    /// The option whose code, Chinese label or English label is `text`.
    public func option(matching text: String) -> Option? {
        options.first { $0.code == text } ?? options.first { $0.label.zh == text || $0.label.en == text }
    }

    /// The option with `code`.
    public func option(code: String) -> Option? { options.first { $0.code == code } }
}

/// A repeating table: typed columns, free rows (min/max) or fixed rows declared by the template.
public struct Table: Sendable {
    /// The columns, in order.
    public var columns: [Field]
    /// Rows the template fixes (a survey's rating items). Data then gives a mapping keyed by
    /// row key instead of a list.
    public var fixedRows: [FixedRow]
    /// The fewest rows the data must give.
    public var minRows: Int?
    /// The most rows the data may give.
    public var maxRows: Int?
    /// Empty rows printed on a blank form.
    public var blankRows: Int
    /// Whether a CSV file (one row per entry) can fill this table.
    public var csv: Bool
    /// Rules between the cells of each row.
    public var checks: [Check] = []

    /// A table of `columns`.
    public init(columns: [Field], fixedRows: [FixedRow] = [], minRows: Int? = nil, maxRows: Int? = nil,
                blankRows: Int = 5, csv: Bool = false) {
        self.columns = columns
        self.fixedRows = fixedRows
        self.minRows = minRows
        self.maxRows = maxRows
        self.blankRows = blankRows
        self.csv = csv
    }

    /// A row a table always has (the items of a survey), keyed in data.
    public struct FixedRow: Sendable {
        /// The row's key in data.
        public var key: String
        /// The row's label, as printed.
        public var label: Bilingual
        /// The row's weight in a weighted score.
        public var weight: Decimal?

        /// A fixed row `key`.
        public init(key: String, label: Bilingual, weight: Decimal? = nil) {
            self.key = key
            self.label = label
            self.weight = weight
        }
    }

    /// Whether the table's rows are fixed.
    public var hasFixedRows: Bool { !fixedRows.isEmpty }
    /// Whether its fixed rows carry weights.
    public var hasWeights: Bool { fixedRows.contains { $0.weight != nil } }

    /// The column `id`.
    public func column(_ id: String) -> Field? { columns.first { $0.id == id } }
}

/// A condition on another field, used by `required-when`. The field it names is resolved when
/// the template loads (``reference``): evaluation never interprets a name.
public struct Condition: Sendable {
    /// What the condition looks at, resolved at load.
    public enum Reference: Sendable, Equatable {
        /// A top-level field's entered or computed value (each code of a multi counts).
        case field(String)
        /// A cell of the same table row (a condition on a column).
        case cell(String)
        /// The cells of one column in every row of a table (`table.column`).
        case column(table: String, column: String)
    }

    /// What the condition tests.
    public enum Test: Sendable {
        /// The field's code (or, for a table column, any row's) is one of these.
        case inCodes([String])
        /// The field has a value.
        case isSet
        /// The field's number is below this.
        case below(Decimal)
        /// The field's number is at least this.
        case atLeast(Decimal)
    }

    /// The name as the template writes it, for messages.
    public let field: String
    /// What is tested.
    public let test: Test
    /// True when the test does *not* hold (`not="true"`).
    public let negated: Bool
    /// Conditions that must hold as well (`<and>` inside it): this one and all of these.
    public internal(set) var conjuncts: [Condition]
    /// What `field` names; set by the loader once every field is known.
    public internal(set) var reference: Reference

    /// A condition on the field named `field` (negated, and with `conjuncts`); the loader resolves `reference`.
    public init(field: String, test: Test, negated: Bool = false, conjuncts: [Condition] = [], reference: Reference? = nil) {
        self.field = field
        self.test = test
        self.negated = negated
        self.conjuncts = conjuncts
        self.reference = reference ?? .field(field)
    }
}
