import Foundation
import Testing
@testable import QMSForms

/// Search an auditor can trust, on every store: all the words in any order, `"…"` for a
/// phrase, characters that mean themselves, and nothing of a disposed record but its number.
@Suite struct SearchBehaviourTests {
    let quality = Principal.named("李强")!

    @Test(arguments: StoreKind.allCases)
    func everyWordInAnyOrderAndPhrasesInQuotes(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let eightD = try await archive.issue("8d", data: try ArchiveBehaviourTests.example("8d"), source: "8d.yaml", by: quality).number
        _ = try await archive.issue("service", data: try ArchiveBehaviourTests.example("service"), source: "s.yaml", by: quality)
        func found(_ text: String) async throws -> [String] { try await archive.search(.init(text: text)).map(\.number) }
        #expect(try await found("密封面划伤 L260305") == [eightD])
        #expect(try await found("L260305 密封面划伤") == [eightD], "any order")
        #expect(try await found("密封面划伤 换向阀").isEmpty, "every word must be in the same record")
        #expect(try await found("\"线状划伤\"") == [eightD])
        #expect(try await found("\"划伤 线状\"").isEmpty, "a phrase keeps its words together and in order")
    }

    @Test(arguments: StoreKind.allCases)
    func shortQueriesAreTextNotPatterns(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        _ = try await archive.issue("8d", data: try ArchiveBehaviourTests.example("8d"), source: "8d.yaml", by: quality)
        _ = try await archive.issue("opinion", data: try ArchiveBehaviourTests.example("opinion"), source: "o.yaml", by: quality)
        for pattern in ["_", "_%", "划_", "%划", "\\"] {
            let hits = try await archive.search(.init(text: pattern)).map(\.number)
            #expect(hits.isEmpty, "'\(pattern)' is not a pattern: \(hits)")
        }
        #expect(try await archive.search(.init(customer: "%")).isEmpty)
        #expect(try await archive.search(.init(number: "8D_2026-*")).isEmpty)
        #expect(try await archive.search(.init(number: "8D-2026-*")).count == 1)
        #expect(try await archive.search(.init(text: "划伤")).count == 1)
        // '%' means itself: only the 8D's "不良率 2.4%" has one.
        #expect(try await archive.search(.init(text: "%")).map(\.form) == ["SG-QR-22-02"])
    }

    @Test(arguments: StoreKind.allCases)
    func aDisposedRecordsTextLeavesTheIndexAtOnce(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let old = try ArchiveBehaviourTests.example("opinion").setting(["entry", "entry_date"], .text("2022-03-16"))
        let number = try await archive.issue("opinion", data: old, source: "o.yaml", by: quality).number
        #expect(try await archive.search(.init(text: "鲁北")).map(\.number) == [number])
        try await archive.dispose(number, reason: "保存期满", by: quality)
        #expect(try await archive.search(.init(text: "鲁北")).isEmpty)
        #expect(try await archive.search(.init(number: number)).map(\.state) == [.disposed])
        #expect(try await archive.verify().isEmpty)
        // An index that kept it is a finding.
        var row = try #require(try await archive.store.indexed(number))
        row.customer = nil
        let kept = ArchiveChange(entry: nil, index: [.put(row, text: number + " 山东鲁北机械制造有限公司")])
        _ = try await archive.store.perform { ArchivePlan(change: kept) }
        #expect(try await archive.verify().contains { $0.contains("disposed of, but the index still holds its text") })
    }
}
