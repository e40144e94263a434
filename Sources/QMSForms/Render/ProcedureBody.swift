/// The printed body of a procedure: change record first (as the seed shows it), the approval
/// block, then the numbered parts with their paragraphs, lists, tables, flow and turtle.
struct ProcedureBody {
    let template: Template
    let document: ProcedureDocument
    let language: Language
    let formTitles: [String: Bilingual]

    private func label(_ b: Bilingual) -> String { language.label(b) }

    private func text(_ t: ProcedureDocument.Text) -> String {
        switch language {
        case .zh: HTML.escape(t.zh)
        case .en: HTML.escape(t.en ?? t.zh)
        case .both: HTML.escape(t.zh) + (t.en.map { "<br><span class=\"en\" lang=\"en\">" + HTML.escape($0) + "</span>" } ?? "")
        }
    }

    var html: String {
        var h = ChangeRecordTable(rows: template.changeRecord, language: language).html + approvals()
        var charts = 0
        for part in document.parts {
            h += "<section class=\"part\">\n<h2>" + (part.number.map { HTML.escape($0) + " " } ?? "") + label(part.title) + "</h2>\n"
            for block in part.blocks {
                switch block {
                case let .paragraph(number, t):
                    h += "<p class=\"clause\">" + (number.map { "<span class=\"num\">" + HTML.escape($0) + "</span> " } ?? "") + text(t) + "</p>\n"
                case let .list(style, items):
                    let tag = style == .bullet ? "ul" : "ol"
                    let type = style == .letters ? " type=\"a\"" : ""
                    h += "<\(tag)\(type)>" + items.map { "<li>" + text($0) + "</li>" }.joined() + "</\(tag)>\n"
                case let .table(caption, head, rows):
                    h += "<table class=\"grid\">" + (caption.map { "<caption>" + text($0) + "</caption>" } ?? "")
                    h += "<thead><tr>" + head.map { "<th scope=\"col\">" + text($0) + "</th>" }.joined() + "</tr></thead><tbody>"
                    h += rows.map { "<tr>" + $0.map { "<td>" + text($0) + "</td>" }.joined() + "</tr>" }.joined(separator: "\n")
                    h += "</tbody></table>\n"
                case let .references(refs):
                    h += "<ul class=\"refs\">" + refs.map { "<li>" + text($0.title) + ($0.number.map { " " + HTML.escape($0) } ?? "") + "</li>" }.joined() + "</ul>\n"
                case let .flow(flow):
                    charts += 1
                    h += "<figure class=\"flow\">" + FlowChart(flow: flow, language: language, formTitles: formTitles, index: charts).svg
                        + "<figcaption>" + text(flow.title) + "</figcaption></figure>\n"
                case let .turtle(turtle):
                    h += self.turtle(turtle)
                }
            }
            h += "</section>\n"
        }
        return h
    }

    private func approvals() -> String {
        var h = "<div class=\"signatures approvals\">\n"
        for a in template.control.approvals {
            h += "<div class=\"sig\"><div class=\"role\">" + label(a.role.label) + "</div>"
                + "<div class=\"printed\">" + label(Bilingual(zh: "姓名", en: "Name")) + ": " + HTML.escape(a.name) + "</div>"
                + "<div class=\"date\">" + label(Bilingual(zh: "日期", en: "Date")) + ": " + HTML.escape(a.date) + "</div></div>\n"
        }
        h += "<div class=\"sig\"><div class=\"role\">" + label(Bilingual(zh: "实施日期", en: "Effective")) + "</div>"
            + "<div class=\"printed\">" + HTML.escape(template.control.effective ?? "—") + "</div></div>\n"
        return h + "</div>\n"
    }

    private func turtle(_ t: ProcedureDocument.Turtle) -> String {
        func cell(_ title: Bilingual, _ items: [ProcedureDocument.Text]) -> String {
            "<td><div class=\"leg\">" + label(title) + "</div><ol>" + items.map { "<li>" + text($0) + "</li>" }.joined() + "</ol></td>"
        }
        var h = "<figure class=\"turtle\"><table class=\"turtle\"><caption>" + label(Bilingual(zh: "乌龟图", en: "Turtle diagram")) + "</caption><tbody>\n"
        h += "<tr>" + cell(Bilingual(zh: "使用什么方式进行？（材料/设备/装置）", en: "With what? (materials, equipment)"), t.withWhat)
            + "<td class=\"spine\"></td>" + cell(Bilingual(zh: "由谁进行？（能力/技能/知识/培训）", en: "Who? (competence, skills, training)"), t.who) + "</tr>\n"
        h += "<tr>" + cell(Bilingual(zh: "输入（要求是什么？）", en: "Inputs (what is required?)"), t.inputs)
            + "<td class=\"process\"><div class=\"leg\">" + label(Bilingual(zh: "过程名称", en: "Process")) + "</div><div class=\"name\">" + text(t.process) + "</div></td>"
            + cell(Bilingual(zh: "输出（将要交付的是什么？）", en: "Outputs (what is delivered?)"), t.outputs) + "</tr>\n"
        h += "<tr>" + cell(Bilingual(zh: "如何做？（作业指导书/方法/程序/技术）", en: "How? (instructions, methods, procedures)"), t.how)
            + "<td class=\"spine\"></td>" + cell(Bilingual(zh: "使用的关键准则是什么？（测量/评估）", en: "Key criteria (measurement, evaluation)"), t.criteria) + "</tr>\n"
        return h + "</tbody></table></figure>\n"
    }
}
