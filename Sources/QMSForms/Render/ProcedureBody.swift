/// The printed body of a procedure: change record first (as the seed shows it), the approval
/// block, then the numbered parts with their paragraphs, lists, tables, flow and turtle.
struct ProcedureBody {
    let template: Template
    let document: ProcedureDocument
    let language: Language
    let formTitles: [String: Bilingual]

    private func label(_ b: Bilingual) -> HTML { language.label(b) }

    private func text(_ t: ProcedureDocument.Text) -> HTML {
        switch language {
        case .zh: HTML(escaping: t.zh)
        case .en: HTML(escaping: t.en ?? t.zh)
        case .both: "\(t.zh)\(t.en.map { "<br><span class=\"en\" lang=\"en\">\($0)</span>" as HTML } ?? .empty)"
        }
    }

    var html: HTML {
        var h = ChangeRecordTable(rows: template.changeRecord, language: language).html + approvals()
        var charts = 0
        for part in document.parts {
            h += "<section class=\"part\">\n<h2>\(part.number.map { "\($0) " as HTML } ?? .empty)\(label(part.title))</h2>\n"
            for block in part.blocks {
                switch block {
                case let .paragraph(number, t):
                    h += "<p class=\"clause\">\(number.map { "<span class=\"num\">\($0)</span> " as HTML } ?? .empty)\(text(t))</p>\n"
                case let .list(style, items):
                    let list = items.map { "<li>\(text($0))</li>" as HTML }.joined()
                    switch style {
                    case .bullet: h += "<ul>\(list)</ul>\n"
                    case .letters: h += "<ol type=\"a\">\(list)</ol>\n"
                    case .numbered: h += "<ol>\(list)</ol>\n"
                    }
                case let .table(caption, head, rows):
                    h += "<table class=\"grid\">\(caption.map { "<caption>\(text($0))</caption>" as HTML } ?? .empty)"
                    h += "<thead><tr>\(head.map { "<th scope=\"col\">\(text($0))</th>" as HTML }.joined())</tr></thead><tbody>"
                    h += rows.map { "<tr>\($0.map { "<td>\(text($0))</td>" as HTML }.joined())</tr>" as HTML }.joined(separator: "\n")
                    h += "</tbody></table>\n"
                case let .references(refs):
                    h += "<ul class=\"refs\">\(refs.map { "<li>\(text($0.title))\($0.number.map { " \($0)" as HTML } ?? .empty)</li>" as HTML }.joined())</ul>\n"
                case let .flow(flow):
                    charts += 1
                    let chart = FlowChart(flow: flow, language: language, formTitles: formTitles, index: charts).svg
                    h += "<figure class=\"flow\">\(chart)<figcaption>\(text(flow.title))</figcaption></figure>\n"
                case let .turtle(turtle):
                    h += self.turtle(turtle)
                }
            }
            h += "</section>\n"
        }
        return h
    }

    private func approvals() -> HTML {
        var h: HTML = "<div class=\"signatures approvals\">\n"
        let name = label(Bilingual(zh: "姓名", en: "Name")), date = label(Bilingual(zh: "日期", en: "Date"))
        for a in template.control.approvals {
            h += "<div class=\"sig\"><div class=\"role\">\(label(a.role.label))</div><div class=\"printed\">\(name): \(a.name)</div>"
                + "<div class=\"date\">\(date): \(a.date)</div></div>\n"
        }
        h += "<div class=\"sig\"><div class=\"role\">\(label(Bilingual(zh: "实施日期", en: "Effective")))</div>"
            + "<div class=\"printed\">\(template.control.effective ?? "—")</div></div>\n"
        return h + "</div>\n"
    }

    private func turtle(_ t: ProcedureDocument.Turtle) -> HTML {
        func cell(_ title: Bilingual, _ items: [ProcedureDocument.Text]) -> HTML {
            "<td><div class=\"leg\">\(label(title))</div><ol>\(items.map { "<li>\(text($0))</li>" as HTML }.joined())</ol></td>"
        }
        var h: HTML = "<figure class=\"turtle\"><table class=\"turtle\"><caption>\(label(Bilingual(zh: "乌龟图", en: "Turtle diagram")))</caption><tbody>\n"
        h += "<tr>" + cell(Bilingual(zh: "使用什么方式进行？（材料/设备/装置）", en: "With what? (materials, equipment)"), t.withWhat)
            + "<td class=\"spine\"></td>" + cell(Bilingual(zh: "由谁进行？（能力/技能/知识/培训）", en: "Who? (competence, skills, training)"), t.who) + "</tr>\n"
        h += "<tr>" + cell(Bilingual(zh: "输入（要求是什么？）", en: "Inputs (what is required?)"), t.inputs)
            + "<td class=\"process\"><div class=\"leg\">\(label(Bilingual(zh: "过程名称", en: "Process")))</div><div class=\"name\">\(text(t.process))</div></td>"
            + cell(Bilingual(zh: "输出（将要交付的是什么？）", en: "Outputs (what is delivered?)"), t.outputs) + "</tr>\n"
        h += "<tr>" + cell(Bilingual(zh: "如何做？（作业指导书/方法/程序/技术）", en: "How? (instructions, methods, procedures)"), t.how)
            + "<td class=\"spine\"></td>" + cell(Bilingual(zh: "使用的关键准则是什么？（测量/评估）", en: "Key criteria (measurement, evaluation)"), t.criteria) + "</tr>\n"
        return h + "</tbody></table></figure>\n"
    }
}
