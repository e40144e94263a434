import Foundation
import Testing
@testable import QMSForms

/// fontconfig charsets read into coverage: ranges merged, single code points, lookups.
@Suite struct FontCoverageTests {
    @Test func charsetsAreReadAndLookedUp() {
        let fonts = FontCoverage(charsets: "20-7e a0-17f\n4e00-9fff 3000-303f\n20000-2a6df")
        #expect(fonts.covers("A") && fonts.covers("划") && fonts.covers("\u{20001}"))
        #expect(!fonts.covers("\u{2A6E0}") && !fonts.covers("\u{0400}"))
        #expect(fonts.unprintable(in: "划伤 Ж \u{2B740}") == ["Ж", "\u{2B740}"])
        #expect(FontCoverage.named(["\u{2A6A5}"]) == "𪚥 (U+2A6A5)")
    }
}
