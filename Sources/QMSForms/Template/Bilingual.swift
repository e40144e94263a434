/// A label in Simplified Chinese and English. Every title, section, field and option has one.
public struct Bilingual: Sendable, Equatable, Hashable {
    /// Chinese.
    public var zh: String
    /// English.
    public var en: String

    /// A text in both languages.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// `"顾客名称 Customer"`: both languages, Chinese first.
    public var both: String { zh == en ? zh : zh + " " + en }
}
