import XMLSupport

/// Reads the `<document>` of a procedure template into a ``ProcedureDocument``.
struct ProcedureReader {
    let path: String

    private func fail(_ line: Int, _ message: String) -> TemplateError {
        TemplateError(path: path, line: line, reason: .semantic(message))
    }

    private func text(_ e: Element) -> ProcedureDocument.Text {
        ProcedureDocument.Text(zh: e.element(named: "zh")!.text, en: e.element(named: "en")?.text)
    }

    private func items(_ e: Element?) -> [ProcedureDocument.Text] {
        (e?.elements(named: "item") ?? []).map(text)
    }

    func read(_ document: Element) throws(TemplateError) -> ProcedureDocument {
        var parts: [ProcedureDocument.Part] = []
        for part in document.elements(named: "part") {
            var blocks: [ProcedureDocument.Block] = []
            for b in part.elements {
                switch b.name {
                case "p": blocks.append(.paragraph(number: b["number"], text(b)))
                case "list": blocks.append(.list(ProcedureDocument.ListStyle(rawValue: b["style"] ?? "bullet") ?? .bullet, items(b)))
                case "table":
                    let head = items(b.element(named: "head"))
                    let rows = b.elements(named: "row").map { items($0) }
                    if let bad = rows.firstIndex(where: { $0.count != head.count }) {
                        throw fail(b.line, "table row \(bad + 1) has \(rows[bad].count) cells where the head has \(head.count)")
                    }
                    blocks.append(.table(caption: b.element(named: "caption").map(text), head: head, rows: rows))
                case "references":
                    blocks.append(.references(b.elements(named: "ref").map { .init(number: $0["number"], title: text($0)) }))
                case "flow": blocks.append(.flow(try flow(b)))
                case "turtle":
                    blocks.append(.turtle(.init(
                        process: text(b.element(named: "process")!), inputs: items(b.element(named: "inputs")),
                        outputs: items(b.element(named: "outputs")), withWhat: items(b.element(named: "with-what")),
                        who: items(b.element(named: "who")), how: items(b.element(named: "how")),
                        criteria: items(b.element(named: "criteria")))))
                default:
                    throw fail(b.line, "unknown block <\(b.name)>")
                }
            }
            parts.append(.init(number: part["number"], title: Bilingual(zh: part["zh"]!, en: part["en"]!), blocks: blocks))
        }
        return ProcedureDocument(parts: parts)
    }

    private func flow(_ e: Element) throws(TemplateError) -> ProcedureDocument.Flow {
        var steps: [ProcedureDocument.Flow.Step] = []
        for s in e.elements(named: "step") {
            let id = s["id"]!
            if steps.contains(where: { $0.id == id }) { throw fail(s.line, "flow step id '\(id)' is used twice") }
            let department = s["dept-zh"].map { ProcedureDocument.Text(zh: $0, en: s["dept-en"]) }
            let forms = s["forms"]?.split(separator: " ").map(String.init) ?? []
            steps.append(.init(id: id, text: text(s), department: department, forms: forms))
        }
        let ids = Set(steps.map(\.id))
        var inputs: [ProcedureDocument.Flow.Input] = []
        for i in e.elements(named: "input") {
            guard ids.contains(i["to"]!) else { throw fail(i.line, "flow input points to '\(i["to"]!)', which is not a step") }
            inputs.append(.init(text: text(i), to: i["to"]!))
        }
        var arrows: [(from: String, to: String)] = []
        for a in e.elements(named: "arrow") {
            guard ids.contains(a["from"]!), ids.contains(a["to"]!) else {
                throw fail(a.line, "flow arrow \(a["from"]!) → \(a["to"]!) names a step that does not exist")
            }
            arrows.append((a["from"]!, a["to"]!))
        }
        return .init(title: text(e.element(named: "title")!), steps: steps, inputs: inputs, arrows: arrows)
    }
}
