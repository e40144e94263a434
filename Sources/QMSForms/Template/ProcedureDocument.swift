/// The body of a controlled procedure (kind `procedure`): numbered parts of paragraphs, lists,
/// tables and references, a process flow and a turtle diagram. A small, validated vocabulary:
/// no free HTML reaches a printed procedure.
public struct ProcedureDocument: Sendable {
    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// Text in Simplified Chinese, with English where the document gives it.
    public struct Text: Sendable, Equatable {
        public var zh: String
        public var en: String?

        public init(zh: String, en: String? = nil) {
            self.zh = zh
            self.en = en
        }
    }

    /// A part, usually numbered: `1 目的和范围 Purpose and scope`.
    public struct Part: Sendable {
        public var number: String?
        public var title: Bilingual
        public var blocks: [Block]

        public init(number: String?, title: Bilingual, blocks: [Block]) {
            self.number = number
            self.title = title
            self.blocks = blocks
        }
    }

    public enum ListStyle: String, Sendable { case bullet, numbered, letters }

    public enum Block: Sendable {
        /// A paragraph, optionally numbered as a clause (`3.2`).
        case paragraph(number: String?, Text)
        case list(ListStyle, [Text])
        case table(caption: Text?, head: [Text], rows: [[Text]])
        /// Related documents, each with its number when it has one.
        case references([Reference])
        case flow(Flow)
        case turtle(Turtle)
    }

    public struct Reference: Sendable {
        public var number: String?
        public var title: Text

        public init(number: String?, title: Text) {
            self.number = number
            self.title = title
        }
    }

    /// A process flow chart: steps in order, top to bottom.
    public struct Flow: Sendable {
        public var title: Text
        public var steps: [Step]
        /// Boxes beside the flow that feed one of its steps.
        public var inputs: [Input]
        /// Arrows other than step to next step (feedback loops), by step id.
        public var arrows: [(from: String, to: String)]

        public init(title: Text, steps: [Step], inputs: [Input], arrows: [(from: String, to: String)]) {
            self.title = title
            self.steps = steps
            self.inputs = inputs
            self.arrows = arrows
        }

        public struct Step: Sendable {
            public var id: String
            public var text: Text
            /// The responsible department(s).
            public var department: Text?
            /// Numbers of the forms this step produces.
            public var forms: [String]

            public init(id: String, text: Text, department: Text?, forms: [String]) {
                self.id = id
                self.text = text
                self.department = department
                self.forms = forms
            }
        }

        public struct Input: Sendable {
            public var text: Text
            public var to: String

            public init(text: Text, to: String) {
                self.text = text
                self.to = to
            }
        }
    }

    /// The turtle diagram of a process: inputs, outputs, with what, who, how, and the key criterion.
    public struct Turtle: Sendable {
        public var process: Text
        public var inputs: [Text]
        public var outputs: [Text]
        public var withWhat: [Text]
        public var who: [Text]
        public var how: [Text]
        public var criteria: [Text]

        public init(process: Text, inputs: [Text], outputs: [Text], withWhat: [Text], who: [Text], how: [Text], criteria: [Text]) {
            self.process = process
            self.inputs = inputs
            self.outputs = outputs
            self.withWhat = withWhat
            self.who = who
            self.how = how
            self.criteria = criteria
        }
    }

    /// Every form number the flow names.
    public var formNumbers: [String] {
        parts.flatMap(\.blocks).flatMap { block -> [String] in
            if case let .flow(f) = block { f.steps.flatMap(\.forms) } else { [] }
        }
    }
}
