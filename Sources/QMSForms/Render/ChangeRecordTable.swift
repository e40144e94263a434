/// The change record (文件更改记录) as printed: on procedures always, on forms on request.
struct ChangeRecordTable {
    let rows: [ChangeRecord]
    let language: Language

    var html: HTML {
        let heads: [Bilingual] = [
            .init(zh: "序号", en: "No."), .init(zh: "更改日期", en: "Date"), .init(zh: "版本/版次", en: "Rev."),
            .init(zh: "更改内容(摘要)", en: "Summary"), .init(zh: "更改前", en: "Before"), .init(zh: "更改后", en: "After"),
            .init(zh: "更改页次", en: "Pages"), .init(zh: "更改文件号", en: "Change order"), .init(zh: "更改人", en: "By"),
            .init(zh: "备注", en: "Remarks"),
        ]
        var h: HTML = "<section class=\"change-record\">\n<h2>\(language.label(Bilingual(zh: "文件更改记录", en: "Change record")))</h2>\n"
        h += "<table class=\"grid wide\"><thead><tr>\(heads.map { "<th scope=\"col\">\(language.label($0))</th>" as HTML }.joined())</tr></thead><tbody>\n"
        for c in rows {
            let cells = ["\(c.seq)", c.date, c.version.description, c.summary, c.before, c.after, c.pages, c.order, c.by, c.remarks]
            h += "<tr>\(cells.map { "<td><div class=\"v\">\($0)</div></td>" as HTML }.joined())</tr>\n"
        }
        return h + "</tbody></table>\n</section>\n"
    }
}
