/// The document-control marks on a print (forms-spec §1.5): a watermark on every page for a
/// revision not in force, and a stamp on the first page saying what kind of copy this is.
public struct PrintMarks: Sendable, Equatable {
    /// A watermark on every page.
    public enum Watermark: Sendable, Equatable {
        /// 草稿: the revision is not released.
        case draft
        /// 作废: the revision is superseded.
        case obsolete
        /// 未生效: the revision is released but its effective date has not come.
        case notYetEffective

        /// The words printed.
        public var words: Bilingual {
            switch self {
            case .draft: Bilingual(zh: "草稿", en: "DRAFT")
            case .obsolete: Bilingual(zh: "作废", en: "OBSOLETE")
            case .notYetEffective: Bilingual(zh: "未生效", en: "NOT YET EFFECTIVE")
            }
        }
    }

    /// The first page's stamp.
    public enum Stamp: Sendable, Equatable {
        /// 受控文件 CONTROLLED COPY, with its distribution number (分发号).
        case controlledCopy(String)
        /// 非受控 UNCONTROLLED: for reference, not kept up to date.
        case uncontrolled
    }

    /// A watermark on every page, for a revision not in force.
    public var watermark: Watermark?
    /// What kind of copy this is.
    public var stamp: Stamp?
    /// Print the change record (文件更改记录) on a form too.
    public var changeRecord: Bool
    /// A corrected record's history, printed under its title: every revision and why.
    public var corrections: [Correction]
    /// The record's electronic signatures, each printed in the signature block of its meaning (21 CFR 11.50).
    public var signatures: [ElectronicSignature]

    /// One correction of an archived record.
    public struct Correction: Sendable, Equatable {
        /// The record revision made by the correction.
        public var revision: Int
        /// The day it was made.
        public var date: String
        /// Who made it.
        public var by: String
        /// Why.
        public var reason: String

        /// A correction to revision `revision`.
        public init(revision: Int, date: String, by: String, reason: String) {
            self.revision = revision
            self.date = date
            self.by = by
            self.reason = reason
        }
    }

    /// Marks for a print.
    public init(watermark: Watermark? = nil, stamp: Stamp? = nil, changeRecord: Bool = false, corrections: [Correction] = [],
                signatures: [ElectronicSignature] = []) {
        self.watermark = watermark
        self.stamp = stamp
        self.changeRecord = changeRecord
        self.corrections = corrections
        self.signatures = signatures
    }

    /// The correction history table, when the record has been corrected.
    func correctionsHTML(_ language: Language) -> HTML {
        guard !corrections.isEmpty else { return .empty }
        let heads = [Bilingual(zh: "记录版次", en: "Record rev."), Bilingual(zh: "日期", en: "Date"), Bilingual(zh: "更正人", en: "By"),
                     Bilingual(zh: "更正原因", en: "Reason")].map { "<th scope=\"col\">\(language.label($0))</th>" as HTML }
        var h: HTML = "<section class=\"corrections\">\n<h2>\(language.label(Bilingual(zh: "更正记录", en: "Correction history")))</h2>\n"
        h += "<table class=\"grid\"><thead><tr>\(heads.joined())</tr></thead><tbody>\n"
        for c in corrections {
            h += "<tr><td>r\(c.revision)</td><td>\(c.date)</td><td>\(c.by)</td><td>\(c.reason)</td></tr>\n"
        }
        return h + "</tbody></table>\n</section>\n"
    }

    func html(_ language: Language) -> HTML {
        var h = HTML.empty
        if let watermark { h += "<div class=\"watermark\" aria-hidden=\"true\">\(language.plain(watermark.words))</div>\n" }
        switch stamp {
        case let .controlledCopy(number)?:
            h += "<div class=\"stamp\">\(language.plain(Bilingual(zh: "受控文件", en: "CONTROLLED COPY")))<br>\(language.plain(Bilingual(zh: "分发号", en: "Copy No."))) \(number)</div>\n"
        case .uncontrolled?:
            h += "<div class=\"stamp\">\(language.plain(Bilingual(zh: "非受控", en: "UNCONTROLLED")))<br>\(language.plain(Bilingual(zh: "仅供参考，不予更新", en: "for reference, not updated")))</div>\n"
        case nil: break
        }
        return h
    }

    /// The marks repeated in every page's running header, so that a page on its own still shows them.
    func headerText(_ language: Language) -> String {
        var text = ""
        if let watermark { text += "  " + language.plain(watermark.words) }
        switch stamp {
        case let .controlledCopy(number)?: text += "  " + language.plain(Bilingual(zh: "受控文件", en: "CONTROLLED COPY")) + " " + number
        case .uncontrolled?: text += "  " + language.plain(Bilingual(zh: "非受控", en: "UNCONTROLLED"))
        case nil: break
        }
        return text
    }
}

