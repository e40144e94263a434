/// Which languages a printed page shows.
public enum Language: String, Sendable, CaseIterable {
    /// Chinese, English, or both (Chinese first).
    case zh, en, both

    /// A label in this language, as HTML: both languages put English in a smaller `lang="en"` span.
    func label(_ b: Bilingual) -> HTML {
        switch self {
        case .zh: HTML(escaping: b.zh)
        case .en: HTML(escaping: b.en)
        case .both: b.zh == b.en ? HTML(escaping: b.zh) : "\(b.zh) <span class=\"en\" lang=\"en\">\(b.en)</span>"
        }
    }

    /// Plain text, for `<title>` and CSS strings.
    func plain(_ b: Bilingual) -> String {
        switch self {
        case .zh: b.zh
        case .en: b.en
        case .both: b.both
        }
    }

    var htmlLang: String { self == .en ? "en" : "zh-Hans" }
}
