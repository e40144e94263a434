/// The body of a controlled procedure (kind `procedure`): numbered parts of paragraphs, lists,
/// tables and references, a process flow and a turtle diagram. A small, validated vocabulary:
/// no free HTML reaches a printed procedure.
public struct ProcedureDocument: Sendable {
    /// The parts, in order.
    public var parts: [Part]

    /// A document of `parts`.
    public init(parts: [Part]) { self.parts = parts }

    /// Text in Simplified Chinese, with English where the document gives it.
    public struct Text: Sendable, Equatable {
        /// The Chinese text.
        public var zh: String
        /// The English text, where given.
        public var en: String?

        /// A text.
        public init(zh: String, en: String? = nil) {
            self.zh = zh
            self.en = en
        }
    }

    /// A part, usually numbered: `1 目的和范围 Purpose and scope`.
    public struct Part: Sendable {
        /// Its number (`1`, `3.2`).
        public var number: String?
        /// Its title.
        public var title: Bilingual
        /// What it holds.
        public var blocks: [Block]

        /// A part.
        public init(number: String?, title: Bilingual, blocks: [Block]) {
            self.number = number
            self.title = title
            self.blocks = blocks
        }
    }

    /// Bullets, numbers, or letters.
    public enum ListStyle: String, Sendable {
        /// Bullets.
        case bullet
        /// 1, 2, 3.
        case numbered
        /// a, b, c.
        case letters
    }

    /// One block of a part.
    public enum Block: Sendable {
        /// A paragraph, optionally numbered as a clause (`3.2`).
        case paragraph(number: String?, Text)
        /// A list.
        case list(ListStyle, [Text])
        /// A table with a caption and a header row.
        case table(caption: Text?, head: [Text], rows: [[Text]])
        /// Related documents, each with its number when it has one.
        case references([Reference])
        /// A process flow chart.
        case flow(Flow)
        /// A turtle diagram.
        case turtle(Turtle)
    }

    /// A related document.
    public struct Reference: Sendable {
        /// Its number, where it has one.
        public var number: String?
        /// Its title.
        public var title: Text

        /// A reference.
        public init(number: String?, title: Text) {
            self.number = number
            self.title = title
        }
    }

    /// A process flow chart: steps in order, top to bottom.
    public struct Flow: Sendable {
        /// The chart's title.
        public var title: Text
        /// The steps, top to bottom.
        public var steps: [Step]
        /// Boxes beside the flow that feed one of its steps.
        public var inputs: [Input]
        /// Arrows other than step to next step (feedback loops), by step id.
        public var arrows: [(from: String, to: String)]

        /// A flow.
        public init(title: Text, steps: [Step], inputs: [Input], arrows: [(from: String, to: String)]) {
            self.title = title
            self.steps = steps
            self.inputs = inputs
            self.arrows = arrows
        }

        /// One step of the flow.
        public struct Step: Sendable {
            /// Its id, as arrows and inputs name it.
            public var id: String
            /// What is done.
            public var text: Text
            /// The responsible department(s).
            public var department: Text?
            /// Numbers of the forms this step produces.
            public var forms: [String]

            /// A step.
            public init(id: String, text: Text, department: Text?, forms: [String]) {
                self.id = id
                self.text = text
                self.department = department
                self.forms = forms
            }
        }

        /// A box feeding a step.
        public struct Input: Sendable {
            /// What comes in.
            public var text: Text
            /// The step it feeds (by id).
            public var to: String

            /// An input.
            public init(text: Text, to: String) {
                self.text = text
                self.to = to
            }
        }
    }

    /// The turtle diagram of a process: inputs, outputs, with what, who, how, and the key criterion.
    public struct Turtle: Sendable {
        /// The process's name.
        public var process: Text
        /// 输入: what is required.
        public var inputs: [Text]
        /// 输出: what is delivered.
        public var outputs: [Text]
        /// With what: materials, equipment.
        public var withWhat: [Text]
        /// Who: competence, skills, training.
        public var who: [Text]
        /// How: instructions, methods, procedures.
        public var how: [Text]
        /// Key criteria: measurement, evaluation.
        public var criteria: [Text]

        /// A turtle diagram.
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
