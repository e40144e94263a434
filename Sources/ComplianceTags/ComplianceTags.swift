import Testing

/// One tag per clause `qmsforms compliance` lists: a test tagged with a clause is evidence that
/// the tool meets it (ComplianceChecklistTests checks the checklist against these tags).
public extension Tag {
    @Tag static var iso7_5_2: Self
    @Tag static var iso7_5_3: Self
    @Tag static var cfr11_10a: Self
    @Tag static var cfr11_10b: Self
    @Tag static var cfr11_10c: Self
    @Tag static var cfr11_10d: Self
    @Tag static var cfr11_10e: Self
    @Tag static var cfr11_10f: Self
    @Tag static var cfr11_10g: Self
    @Tag static var cfr11_10k: Self
    @Tag static var cfr11_50: Self
    @Tag static var cfr11_70: Self
    @Tag static var cfr11_100: Self
    @Tag static var cfr11_200: Self
    @Tag static var cfr11_300: Self
}
