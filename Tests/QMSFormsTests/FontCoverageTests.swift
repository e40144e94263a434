import Foundation
import Testing
import Synchronization
@testable import QMSForms

/// What is looked up and what is not: common text never asks the fonts; each uncommon
/// character is named once, in order.
@Suite struct FontCoverageTests {
    @Test func onlyUncommonCharactersAreLookedUpAndNamedOnce() {
        let asked = Mutex<[UInt32]>([])
        let fonts = FontCoverage { v in asked.withLock { $0.append(v) }; return v == 0x2264 }
        #expect(fonts.unprintable(in: "划伤 ≤ Ж \u{2B740} Ж A1。") == ["Ж", "\u{2B740}"])
        #expect(asked.withLock { $0 } == [0x2264, 0x416, 0x2B740], "each once; ASCII, CJK and CJK punctuation are not looked up")
        #expect(fonts.covers(" ") && fonts.covers("\u{200B}"), "spaces and invisible characters need no glyph")
        #expect(FontCoverage.named(["\u{2A6A5}"]) == "𪚥 (U+2A6A5)")
        #expect(!FontCoverage.hasUncommon("8D 划伤，2.4%") && FontCoverage.hasUncommon("≤"))
    }
}
