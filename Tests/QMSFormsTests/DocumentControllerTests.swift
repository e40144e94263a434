import Foundation
import Testing
@testable import QMSForms

/// A document controller's week, on every store: corrections that change nothing, releases that
/// would act retroactively, what the register says of a release still to come, what the change
/// record says of a new field, and messages that name what happened.
@Suite struct DocumentControllerTests {
    let quality = Principal.named("李强")!

    @Test(arguments: StoreKind.allCases)
    func aCorrectionMustChangeSomethingAndKeepItsNumber(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let data = try ArchiveBehaviourTests.example("opinion")
        let number = try await archive.issue("opinion", data: data, source: "o.yaml", by: quality).number
        await #expect(throws: ArchiveError.nothingCorrected(number)) {
            try await archive.correct(number, data: data, source: "o.yaml", reason: "再存一次", by: quality)
        }
        await #expect(throws: ArchiveError.otherNumberGiven(given: "YJ-2026-009", number: number)) {
            try await archive.correct(number, data: data.setting(["record_no"], .text("YJ-2026-009")), source: "o.yaml", reason: "改", by: quality)
        }
        #expect("\(ArchiveError.otherNumberGiven(given: "YJ-2026-009", number: number))".contains("correct keeps the record's number"))
        #expect(try await archive.store.history(of: number).count == 1, "nothing was archived")
    }

    @Test(arguments: StoreKind.allCases)
    func theRegisterShowsAReleaseStillToCome(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive(at: "2026-06-01T10:00:00Z")
        defer { cleanUp() }
        let control = try await IntegrityBehaviourTests().draftWithNewTitle(archive, order: "DCR-2026-040")
        for (role, name) in zip(Approval.Role.allCases, ["王芳", "李强", "周建国"]) {
            try await control.approve("capa", role: role, by: Principal.named(name)!, date: Day("2026-05-01"))
        }
        // A fourth signature is refused for what it is.
        await #expect(throws: ChangeControlError.alreadyApproved(document: "SG-QR-22-01", revision: Revision("A/1")!, by: "周建国", date: "2026-05-01")) {
            try await control.approve("capa", role: .approved, by: Principal.named("赵六")!, date: Day("2026-05-02"))
        }
        _ = try await control.release("capa", effective: Day("2027-03-20")!, by: Principal.named("周建国")!, now: archive.clock.now)
        let row = try #require(try await control.register(asOf: Day("2026-06-01")).first { $0.alias == "capa" })
        #expect(row.revision == "A/0" && row.status == .effective)
        #expect(row.pending == "A/1 released, effective 2027-03-20")
        #expect(row.revisions == ["A/0 effective", "A/1 released, effective 2027-03-20"])
        #expect(PrintMarks.Watermark.notYetEffective.words == Bilingual(zh: "未生效", en: "NOT YET EFFECTIVE"))
    }

    /// The change record says when a field it adds is required.
    @Test func theChangeRecordSaysAnAddedFieldIsRequired() throws {
        let old = Fixtures.template("capa")
        let text = try String(contentsOf: URL(fileURLWithPath: old.path), encoding: .utf8)
        let added = text.replacingOccurrences(of: "<date id=\"raised_on\"",
                                              with: "<text id=\"batch\" zh=\"批号\" en=\"Batch\" required=\"true\"/>\n    <date id=\"raised_on\"")
        let new = try TemplateLoader().load(data: Data(added.utf8), path: old.path)
        let change = try #require(TemplateDiff(from: old, to: new).changes.first { $0.path.hasSuffix(".batch") })
        #expect(change.description == "field added at header.batch: 批号 Batch (text; required)")
    }

    /// Hints name only what may be supplied: never a computed field or column, never record_no.
    @Test func hintsNeverSuggestComputedFieldsOrTheRecordNumber() throws {
        let data = try Fixtures.example("8d")
        let problems = Fixtures.problems("8d", data.setting(["header", "d3_day"], .text("1")).setting(["record_n"], .text("8D-2026-001")))
        let near = try #require(problems.first { $0.path == "header.d3_day" })
        #expect(near.hint?.contains("d3_days") == false, "\(near.hint ?? "")")
        let top = try #require(problems.first { $0.path == "record_n" })
        #expect(top.hint?.contains("record_no") == false, "\(top.hint ?? "")")
    }
}
