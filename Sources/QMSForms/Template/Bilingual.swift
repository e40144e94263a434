/// A label in Simplified Chinese and English. Every title, section, field and option has one.
public struct Bilingual: Sendable, Equatable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// `"顾客名称 Customer"`: both languages, Chinese first.
    public var both: String { zh == en ? zh : zh + " " + en }
}
