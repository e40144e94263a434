/// The inline CSS of every printed page: A4, running header and page numbers in the page
/// margins, tables that repeat their header row, signature blocks that never split.
enum Stylesheet {
    static let fonts = "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", "
        + "\"PingFang SC\", \"Hiragino Sans GB\", \"WenQuanYi Micro Hei\", \"SimSun\", \"Songti SC\", sans-serif"

    /// A CSS string literal: everything but letters, digits and spaces is a hex escape, so no
    /// value can close the string or the `<style>` element it sits in.
    static func cssString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " " {
                out.unicodeScalars.append(scalar)
            } else if scalar.value >= 0x20 {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }

    /// `header` and `number` are plain text; they are escaped here as CSS strings.
    static func css(headerLeft: String, headerRight: String, pageLabel: Language, landscape: Bool = false) -> String {
        let page: String
        switch pageLabel {
        case .zh: page = "\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\""
        case .en: page = "\"Page \" counter(page) \" of \" counter(pages)"
        case .both: page = "\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页 / Page \" counter(page) \" of \" counter(pages)"
        }
        return """
        @page { size: A4\(landscape ? " landscape" : ""); margin: 18mm 14mm 16mm 14mm;
          @top-left { content: \(cssString(headerLeft)); font-size: 8pt; color: #333; }
          @top-right { content: \(cssString(headerRight)); font-size: 8pt; color: #333; white-space: nowrap; }
          @bottom-center { content: \(page); font-size: 8pt; } }
        * { box-sizing: border-box; }
        html { font-family: \(fonts); font-size: 10pt; color: #000; background: #fff; }
        body { margin: 0; }
        .sheet { max-width: \(landscape ? 269 : 182)mm; margin: 0 auto; }
        .en { font-size: 0.85em; color: #333; }
        .title-block { display: grid; grid-template-columns: 1fr auto; align-items: end; border-bottom: 2px solid #000; padding-bottom: 2mm; margin-bottom: 3mm; }
        .company { font-size: 11pt; font-weight: bold; }
        .company img { height: 10mm; vertical-align: middle; margin-right: 2mm; }
        h1 { grid-column: 1 / 3; text-align: center; font-size: 16pt; margin: 2mm 0; }
        .doc-id { border-collapse: collapse; font-size: 9pt; }
        .doc-id th, .doc-id td { border: 1px solid #000; padding: 1mm 2mm; text-align: left; }
        .doc-id th { font-weight: normal; background: #eee; }
        section { margin-bottom: 3mm; }
        section.break { break-before: page; }
        h2 { font-size: 11pt; margin: 3mm 0 1mm; padding: 1mm 2mm; background: #e6e6e6; border: 1px solid #000; break-after: avoid; }
        table { border-collapse: collapse; width: 100%; }
        table.fields { table-layout: fixed; }
        .fields th, .fields td, .grid th, .grid td { border: 1px solid #000; padding: 1.2mm 1.5mm; vertical-align: top; overflow-wrap: anywhere; }
        .fields col.l { width: 20%; }
        .fields th { text-align: left; font-weight: normal; background: #f3f3f3; }
        .grid { margin-top: 1mm; }
        .grid thead { display: table-header-group; }
        .grid th { font-weight: normal; background: #f3f3f3; text-align: left; }
        .grid tr, .fields tr { break-inside: avoid; }
        .fields tr:has(.v) { break-inside: auto; }
        .grid thead tr.title th { background: none; border: none; text-align: center; font-size: 8pt; color: #333; padding: 0.5mm; }
        section.signing { break-before: avoid; }
        .grid td.n { text-align: right; }
        .grid th { overflow-wrap: break-word; }
        .grid.wide { font-size: 7pt; }
        .grid.wide th, .grid.wide td { padding: 0.8mm 0.8mm; }
        .grid.wide th .en { display: block; font-size: 6.5pt; }
        .v { white-space: pre-wrap; min-height: 7mm; }
        .box { min-height: 7mm; }
        .lines { background: repeating-linear-gradient(to bottom, transparent 0, transparent 6.5mm, #999 6.5mm, #999 6.8mm); }
        .tick { margin-right: 3mm; display: inline-block; max-width: 100%; }
        .computed { font-weight: bold; }
        .note { font-size: 8pt; color: #333; }
        .signatures { display: flex; flex-wrap: wrap; gap: 3mm; margin-top: 2mm; }
        .sig { flex: 1 1 55mm; border: 1px solid #000; padding: 2mm; break-inside: avoid; page-break-inside: avoid; }
        .sig .role { font-weight: bold; }
        .sig .signline { display: flex; align-items: flex-end; gap: 1mm; height: 11mm; margin: 1mm 0; font-size: 9pt; }
        .sig .line { flex: 1; border-bottom: 1px solid #000; }
        .sig .printed, .sig .date { font-size: 9pt; }
        .sig .esig { border: 1px solid #000; padding: 1mm; margin: 1mm 0; font-size: 8pt; line-height: 1.3; }
        .d { white-space: nowrap; }
        footer.form-foot { margin-top: 4mm; border-top: 1px solid #000; padding-top: 1mm; font-size: 8pt; display: flex; justify-content: space-between; gap: 4mm; }
        .blank-row td { height: 9mm; }
        .watermark { position: fixed; top: 38%; left: 0; right: 0; text-align: center; font-size: 64pt; font-weight: bold;
          color: rgba(0, 0, 0, 0.13); transform: rotate(-28deg); pointer-events: none; z-index: 10; }
        .stamp { float: right; margin: 0 0 2mm 4mm; border: 2px solid #b00; color: #b00; font-weight: bold; text-align: center;
          padding: 1mm 3mm; transform: rotate(-3deg); font-size: 10pt; }
        p.clause { margin: 1.5mm 0; line-height: 1.5; }
        p.clause .num { font-weight: bold; margin-right: 1mm; }
        ol, ul { margin: 1mm 0 2mm; padding-left: 7mm; line-height: 1.5; }
        figure { margin: 3mm 0; break-inside: avoid; }
        figure.flow svg { width: 100%; height: auto; font-family: inherit; }
        figure.chart svg { width: 100%; height: auto; font-family: inherit; }
        figure figcaption, table.turtle caption { text-align: center; font-size: 9pt; margin-top: 1mm; }
        table.turtle { table-layout: fixed; }
        table.turtle td { border: 1px solid #000; padding: 2mm; vertical-align: top; width: 33%; }
        table.turtle td.spine { border: none; }
        table.turtle td.process { text-align: center; vertical-align: middle; border-width: 2px; }
        table.turtle .leg { font-weight: bold; font-size: 9pt; margin-bottom: 1mm; }
        table.turtle .name { font-size: 13pt; font-weight: bold; }
        .approvals .sig { flex: 1 1 35mm; }
        @media screen { body { background: #888; } .sheet { background: #fff; padding: 14mm; margin: 8mm auto; max-width: \(landscape ? 297 : 210)mm; } }
        """
    }
}
