/// The master list of controlled documents (受控文件清单) as a printable HTML page.
public struct RegisterPage: Sendable {
    /// The documents.
    public let rows: [RegisterRow]
    /// Company name, for the header.
    public let settings: Settings

    /// The register of `rows`.
    public init(rows: [RegisterRow], settings: Settings) {
        self.rows = rows
        self.settings = settings
    }

    /// The page.
    public var html: String {
        let lang = Language.both
        let title = Bilingual(zh: "受控文件清单", en: "Register of Controlled Documents")
        var h: HTML = "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(title.both)</title>\n"
        h += .style(Stylesheet.css(headerLeft: lang.plain(settings.company) + "  " + title.both, headerRight: "", pageLabel: lang, landscape: true))
        h += "</head>\n<body>\n<main class=\"sheet\">\n"
        h += "<h1>\(lang.label(title))</h1>\n<table class=\"grid\"><thead><tr>"
        let heads: [Bilingual] = [.init(zh: "文件编号", en: "Number"), .init(zh: "文件名称", en: "Title"), .init(zh: "现行版本", en: "Revision"),
                                  .init(zh: "状态", en: "Status"), .init(zh: "实施日期", en: "Effective"), .init(zh: "归口部门", en: "Owner"),
                                  .init(zh: "保存期限", en: "Retention"), .init(zh: "在编版本", en: "Pending"), .init(zh: "全部版本", en: "Revisions")]
        h += heads.map { "<th scope=\"col\">\(lang.label($0))</th>" as HTML }.joined() + "</tr></thead><tbody>\n"
        for r in rows {
            let cells = [r.number, r.titleZh + " " + r.titleEn, r.revision, r.status.rawValue, r.effective ?? "—", r.owner, r.retention,
                         r.pending ?? "", r.revisions.joined(separator: ", ")]
            h += "<tr>\(cells.map { "<td>\($0)</td>" as HTML }.joined())</tr>\n"
        }
        return (h + "</tbody></table>\n</main>\n</body>\n</html>\n").markup
    }
}
