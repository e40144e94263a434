import Foundation

/// Draws a procedure's process flow as inline SVG: a column of responsible departments, the
/// inputs that feed each step, the steps top to bottom with arrows, and the related forms.
/// Black on white, with a title and a description for screen readers.
struct FlowChart {
    let flow: ProcedureDocument.Flow
    let language: Language
    /// Form number → title, for the forms column.
    let formTitles: [String: Bilingual]
    /// Distinguishes several charts on one page.
    let index: Int

    // Column geometry, in SVG user units (the chart scales to the page width).
    private let width = 720.0
    private let deptX = 0.0, deptW = 120.0
    private let inputX = 132.0, inputW = 150.0
    private let stepX = 316.0, stepW = 190.0
    private let formsX = 560.0, formsW = 160.0
    private let headerH = 34.0, stepH = 48.0, inputH = 40.0, gap = 28.0

    private func lines(_ t: ProcedureDocument.Text) -> [String] {
        switch language {
        case .zh: [t.zh]
        case .en: [t.en ?? t.zh]
        case .both: [t.zh] + (t.en.map { [$0] } ?? [])
        }
    }

    /// Splits text to fit `width` at `size`: CJK characters count one em, others about half.
    static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var out: [String] = [], line = "", lineWidth = 0.0
        var pendingWord = "", wordWidth = 0.0
        func charWidth(_ c: Character) -> Double { c.unicodeScalars.first!.value > 0x2E80 ? size : size * 0.56 }
        func flushWord() {
            if lineWidth + wordWidth > width, !line.isEmpty { out.append(line.trimmingCharacters(in: .whitespaces)); line = ""; lineWidth = 0 }
            line += pendingWord; lineWidth += wordWidth
            pendingWord = ""; wordWidth = 0
        }
        for c in text {
            if c.unicodeScalars.first!.value > 0x2E80 || c == " " {
                flushWord()
                if lineWidth + charWidth(c) > width, !line.isEmpty { out.append(line); line = ""; lineWidth = 0 }
                if !(c == " " && line.isEmpty) { line.append(c); lineWidth += charWidth(c) }
            } else {
                pendingWord.append(c); wordWidth += charWidth(c)
            }
        }
        flushWord()
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { out.append(line.trimmingCharacters(in: .whitespaces)) }
        return out
    }

    /// `<text>` centred (or left-aligned) in a box, one `<tspan>` a line. With `secondarySmaller`
    /// the parts after the first (the English) are set smaller.
    private func text(_ parts: [String], x: Double, y: Double, width: Double, size: Double, anchor: String = "middle",
                      secondarySmaller: Bool = true) -> HTML {
        let wrapped = parts.enumerated().flatMap { i, part in
            let smaller = secondarySmaller && i > 0
            return FlowChart.wrap(part, width: width - 8, size: smaller ? size * 0.85 : size).map { (smaller, $0) }
        }
        let lineH = size * 1.25
        let top = y - Double(wrapped.count - 1) * lineH / 2
        let tx = anchor == "middle" ? x + width / 2 : x + 4
        var s: HTML = "<text x=\"\(Self.n(tx))\" y=\"\(Self.n(top))\" text-anchor=\"\(anchor)\" dominant-baseline=\"middle\" font-size=\"\(Self.n(size))\">"
        for (k, (smaller, line)) in wrapped.enumerated() {
            let small: HTML = smaller ? " font-size=\"\(Self.n(size * 0.85))\"" : .empty
            let dy: HTML = k == 0 ? .empty : " dy=\"\(Self.n(lineH))\""
            s += "<tspan x=\"\(Self.n(tx))\"\(dy)\(small)>\(line)</tspan>"
        }
        return s + "</text>"
    }

    static func n(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }

    var svg: HTML {
        // Row heights: a step's row grows with the inputs beside it.
        let rowHeights = flow.steps.map { step in
            max(stepH, Double(flow.inputs.filter { $0.to == step.id }.count) * (inputH + 8) - 8) + gap
        }
        var rowTop: [Double] = []
        var y = headerH + 10
        for h in rowHeights { rowTop.append(y); y += h }
        let height = y
        func centreY(_ i: Int) -> Double { rowTop[i] + (rowHeights[i] - gap) / 2 }
        let id = "flow\(index)"
        let title = lines(flow.title).joined(separator: " ")
        let desc = flow.steps.enumerated().map { "\($0 + 1). " + lines($1.text).joined(separator: " ") }.joined(separator: " → ")
        var s: HTML = "<svg class=\"flow\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        s += "<title id=\"\(id)-t\">\(title)</title>\n<desc id=\"\(id)-d\">\(desc)</desc>\n"
        s += "<defs><marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#000\"/></marker></defs>\n"
        s += "<g fill=\"none\" stroke=\"#000\" stroke-width=\"1\">"
        s += "<rect x=\"0.5\" y=\"0.5\" width=\"\(Self.n(width - 1))\" height=\"\(Self.n(height - 1))\"/>"
        s += "<line x1=\"0\" y1=\"\(Self.n(headerH))\" x2=\"\(Self.n(width))\" y2=\"\(Self.n(headerH))\"/>"
        for x in [deptX + deptW + 6, formsX - 10] {
            s += "<line x1=\"\(Self.n(x))\" y1=\"0\" x2=\"\(Self.n(x))\" y2=\"\(Self.n(height))\"/>"
        }
        s += "</g>\n<g fill=\"#000\">"
        let headings: [(Bilingual, Double, Double)] = [
            (Bilingual(zh: "责任部门", en: "Department"), deptX, deptW), (Bilingual(zh: "输入", en: "Inputs"), inputX, inputW),
            (Bilingual(zh: "流程图", en: "Flow"), stepX, stepW), (Bilingual(zh: "相关表单", en: "Related forms"), formsX, formsW),
        ]
        for (label, x, w) in headings {
            s += text(lines(.init(zh: label.zh, en: label.en)), x: x, y: headerH / 2, width: w, size: 10.5)
        }
        s += "</g>\n"
        for (i, step) in flow.steps.enumerated() {
            let cy = centreY(i)
            s += "<g>"
            s += "<rect x=\"\(Self.n(stepX))\" y=\"\(Self.n(cy - stepH / 2))\" width=\"\(Self.n(stepW))\" height=\"\(Self.n(stepH))\" rx=\"6\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.4\"/>"
            s += text(lines(step.text), x: stepX, y: cy, width: stepW, size: 11)
            if let dept = step.department { s += text(lines(dept), x: deptX, y: cy, width: deptW, size: 9.5) }
            let forms = step.forms.map { number in
                number + (formTitles[number].map { " " + (language == .en ? $0.en : $0.zh) } ?? "")
            }
            if !forms.isEmpty {
                s += text(forms, x: formsX, y: cy, width: formsW, size: 8.5, anchor: "start", secondarySmaller: false)
            }
            if i + 1 < flow.steps.count {
                s += "<line x1=\"\(Self.n(stepX + stepW / 2))\" y1=\"\(Self.n(cy + stepH / 2))\" x2=\"\(Self.n(stepX + stepW / 2))\" y2=\"\(Self.n(centreY(i + 1) - stepH / 2 - 1))\" stroke=\"#000\" stroke-width=\"1.2\" marker-end=\"url(#\(id)-arrow)\"/>"
            }
            let inputs = flow.inputs.filter { $0.to == step.id }
            let stackH = Double(inputs.count) * (inputH + 8) - 8
            for (k, input) in inputs.enumerated() {
                let iy = cy - stackH / 2 + Double(k) * (inputH + 8) + inputH / 2
                s += "<rect x=\"\(Self.n(inputX))\" y=\"\(Self.n(iy - inputH / 2))\" width=\"\(Self.n(inputW))\" height=\"\(Self.n(inputH))\" fill=\"#fff\" stroke=\"#000\" stroke-dasharray=\"4 2\"/>"
                s += text(lines(input.text), x: inputX, y: iy, width: inputW, size: 9)
                s += "<line x1=\"\(Self.n(inputX + inputW))\" y1=\"\(Self.n(iy))\" x2=\"\(Self.n(stepX - 1))\" y2=\"\(Self.n(cy))\" stroke=\"#000\" marker-end=\"url(#\(id)-arrow)\"/>"
            }
            s += "</g>\n"
        }
        // Other arrows run up or down the gutter to the right of the steps.
        for (k, arrow) in flow.arrows.enumerated() {
            guard let a = flow.steps.firstIndex(where: { $0.id == arrow.from }),
                  let b = flow.steps.firstIndex(where: { $0.id == arrow.to }) else { continue }
            let x = stepX + stepW + 14 + Double(k) * 8
            s += "<path d=\"M\(Self.n(stepX + stepW)),\(Self.n(centreY(a))) H\(Self.n(x)) V\(Self.n(centreY(b))) H\(Self.n(stepX + stepW + 1))\" fill=\"none\" stroke=\"#000\" stroke-dasharray=\"6 3\" marker-end=\"url(#\(id)-arrow)\"/>\n"
        }
        return s + "</svg>\n"
    }
}
