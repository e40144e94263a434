/// The document-control marks on a print (forms-spec §1.5): a watermark on every page for a
/// revision not in force, and a stamp on the first page saying what kind of copy this is.
public struct PrintMarks: Sendable, Equatable {
    public enum Watermark: Sendable, Equatable {
        /// 草稿: the revision is not released.
        case draft
        /// 作废: the revision is superseded.
        case obsolete
    }

    public enum Stamp: Sendable, Equatable {
        /// 受控文件 CONTROLLED COPY, with its distribution number (分发号).
        case controlledCopy(String)
        /// 非受控 UNCONTROLLED: for reference, not kept up to date.
        case uncontrolled
    }

    public var watermark: Watermark?
    public var stamp: Stamp?
    /// Print the change record (文件更改记录) on a form too.
    public var changeRecord: Bool

    public init(watermark: Watermark? = nil, stamp: Stamp? = nil, changeRecord: Bool = false) {
        self.watermark = watermark
        self.stamp = stamp
        self.changeRecord = changeRecord
    }

    func html(_ language: Language) -> String {
        var h = ""
        switch watermark {
        case .draft?: h += "<div class=\"watermark\" aria-hidden=\"true\">" + language.plainHTML(Bilingual(zh: "草稿", en: "DRAFT")) + "</div>\n"
        case .obsolete?: h += "<div class=\"watermark\" aria-hidden=\"true\">" + language.plainHTML(Bilingual(zh: "作废", en: "OBSOLETE")) + "</div>\n"
        case nil: break
        }
        switch stamp {
        case let .controlledCopy(number)?:
            h += "<div class=\"stamp\">" + language.plainHTML(Bilingual(zh: "受控文件", en: "CONTROLLED COPY"))
                + "<br>" + language.plainHTML(Bilingual(zh: "分发号", en: "Copy No.")) + " " + HTML.escape(number) + "</div>\n"
        case .uncontrolled?:
            h += "<div class=\"stamp\">" + language.plainHTML(Bilingual(zh: "非受控", en: "UNCONTROLLED"))
                + "<br>" + language.plainHTML(Bilingual(zh: "仅供参考，不予更新", en: "for reference, not updated")) + "</div>\n"
        case nil: break
        }
        return h
    }

    /// Words for the running header, so the mark shows even where the watermark is faint.
    func headerText(_ language: Language) -> String {
        switch watermark {
        case .draft?: "  " + language.plain(Bilingual(zh: "草稿", en: "DRAFT"))
        case .obsolete?: "  " + language.plain(Bilingual(zh: "作废", en: "OBSOLETE"))
        case nil: ""
        }
    }
}

extension Language {
    /// Both languages on one line, escaped: `草稿 DRAFT`.
    func plainHTML(_ b: Bilingual) -> String { HTML.escape(plain(b)) }
}
