import Testing
@testable import QMSFormsDemo

/// The demo's random source: the same seed gives the same year, another seed another one.
@Suite struct SplitMixTests {
    @Test func sameSeedSameSequence() {
        var a = SplitMix(seed: 7), b = SplitMix(seed: 7), c = SplitMix(seed: 8)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }

    @Test func pickHonoursWeights() {
        var r = SplitMix(seed: 1)
        var counts = ["a": 0, "b": 0, "never": 0]
        for _ in 0..<10_000 { counts[r.pick([("a", 3), ("b", 1), ("never", 0)])]! += 1 }
        #expect(counts["never"] == 0)
        #expect((7_000...8_000).contains(counts["a"]!), "\(counts)")
    }
}
