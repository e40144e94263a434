import ComplianceTags
import Foundation
import Testing
@testable import QMSForms

/// The integrity rules every store must keep, through the storage protocols alone (so the same
/// tests hold a new implementation to them): the index never decides destruction, a frozen
/// revision nobody logged is found, only approved text is released, and segregation of duties
/// holds however a name is spelled and whatever a draft proposes. What only one kind of store can
/// suffer (a torn log line, rolled-back counters, a full disk, SIGKILL) is in the CLI fault tests.
@Suite struct IntegrityBehaviourTests {
    let quality = Principal.named("李强")!

    /// Edits the working copy of `alias` in `control`'s forms folder.
    func edit(_ control: ChangeControl, _ alias: String, _ old: String, _ new: String) throws {
        let url = control.formsDirectory.appendingPathComponent(alias + ".xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    func revise(_ control: ChangeControl, _ order: String) async throws {
        _ = try await control.revise("capa", ChangeRequest(summary: "更改", pages: "P1", order: order, by: Principal.named("王芳")!,
                                                           date: Day("2026-05-01")))
    }

    /// The CAPA form's draft A/1 with its English title changed, opened under change order `order`.
    func draftWithNewTitle(_ archive: Archive, order: String) async throws -> ChangeControl {
        try edit(archive.documents, "capa", "Corrective &amp; Preventive Action Form", "Corrective and Preventive Action Form")
        try await revise(archive.documents, order)
        return archive.documents
    }

    @Test(.tags(.cfr11_10c), arguments: StoreKind.allCases)
    func theIndexNeverDecidesDestruction(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let recent = try await archive.issue("opinion", data: try ArchiveBehaviourTests.example("opinion"), source: "o.yaml", by: quality).number
        var row = try #require(try await archive.store.indexed(recent))
        let text = try await archive.store.indexedText(recent)
        row.keepUntil = "2020-01-01"
        row.customer = "别的客户"
        let void = try await archive.issue("opinion", data: try ArchiveBehaviourTests.example("opinion"), source: "o.yaml", by: quality).number
        try await archive.void(void, reason: "重复", by: quality)
        let edited = ArchiveChange(entry: nil, index: [.put(row, text: text ?? ""), .state(number: void, .issued)])
        _ = try await archive.store.perform { ArchivePlan(change: edited) }
        #expect(try await archive.due().isEmpty, "what is due is computed from the record, not the index")
        await #expect(throws: ArchiveError.notDue(number: recent, keepUntil: "2029-03-16")) {
            try await archive.dispose(recent, reason: "到期", by: quality)
        }
        await #expect(throws: ArchiveError.voided(void), "an index that says issued does not print a void record") {
            try await archive.rendition(void)
        }
        let problems = try await archive.verify()
        #expect(problems.contains { $0.contains("keepUntil") } && problems.contains { $0.contains("customer") }, "\(problems)")
    }

    /// The head is signed after every action: the signature is its key's over the last entry.
    @Test(.tags(.cfr11_10a, .cfr11_10e), arguments: StoreKind.allCases)
    func theHeadOfTheTrailIsSigned(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        _ = try await archive.issue("opinion", data: try ArchiveBehaviourTests.example("opinion"), source: "o.yaml", by: quality)
        let last = try #require(try await archive.store.entries().last)
        let head = try #require(try await archive.store.signedHead())
        #expect(head.seq == last.seq && head.hash == last.hash && head.isValid() && head.keyFingerprint.count == 64)
        var forged = head
        forged.seq -= 1
        #expect(!forged.isValid())
    }

    @Test(arguments: StoreKind.allCases)
    func aReleaseTheTrailDoesNotAccountForIsFound(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let control = archive.documents
        #expect(try await control.verify().isEmpty)
        let state = try await control.register.load()
        let capa = try #require(state.documents.first { $0.alias == "capa" })
        let original = String(decoding: try await control.register.frozen(capa.released[0], of: capa.number), as: UTF8.self)
        let forged = Data(original.replacingOccurrences(of: "纠正和预防措施处理单", with: "纠正措施单").utf8)
        _ = try await control.register.release(.init(revision: Revision("A/1")!, sha256: Digest.sha256(forged), effective: "2026-05-02",
                                                     releasedAt: "2026-05-02T00:00:00Z"), bytes: forged, for: capa.number)
        #expect(try await control.verify().contains(.notInTrail(document: capa.number, revision: "A/1", sha256: Digest.sha256(forged))))
    }

    @Test(.tags(.cfr11_10f), arguments: StoreKind.allCases)
    func onlyTheApprovedTextIsReleased(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let control = try await draftWithNewTitle(archive, order: "DCR-2026-030")
        for (role, name) in zip(Approval.Role.allCases, ["王芳", "李强", "周建国"]) {
            try await control.approve("capa", role: role, by: Principal.named(name)!, date: Day("2026-05-01"))
        }
        try edit(control, "capa", "Corrective and Preventive Action Form", "Corrective and Preventive Action Sheet")
        await #expect(throws: ChangeControlError.changedSinceApproved(document: "SG-QR-22-01")) {
            try await control.release("capa", effective: Day("2026-06-01")!, by: Principal.named("周建国")!, now: archive.clock.now)
        }
        await #expect(throws: ChangeControlError.changedSinceSigned(document: "SG-QR-22-01", signedAs: .prepared)) {
            try await control.approve("capa", role: .reviewed, by: quality, date: Day("2026-05-02"))
        }
        #expect(try await control.register.load().documents.first { $0.alias == "capa" }!.released.count == 1)
    }

    /// Eleven ways of writing 王芳 that a screen shows alike are one person.
    @Test(.tags(.iso7_5_2), arguments: StoreKind.allCases)
    func segregationHoldsHoweverTheNameIsSpelled(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let control = try await draftWithNewTitle(archive, order: "DCR-2026-031")
        try await control.approve("capa", role: .prepared, by: Principal.named("王芳")!, date: Day("2026-05-01"))
        let spellings = ["王芳 ", " 王芳", "王芳\t", "王芳\u{200B}", "王\u{200D}芳", "王芳\u{3000}", "王\u{00AD}芳", "王芳\u{FE0F}",
                         "王芳\u{2060}", "王芳\u{FEFF}", "王芳\u{E0100}"]
        for name in spellings {
            await #expect(throws: AuthorizationError.self, "\(name.unicodeScalars.map { String($0.value, radix: 16) })") {
                try await control.approve("capa", role: .reviewed, by: Principal.named(name)!, date: Day("2026-05-02"))
            }
        }
        try await control.approve("capa", role: .reviewed, by: quality, date: Day("2026-05-02"))
        await #expect(throws: AuthorizationError.self) {
            try await control.approve("capa", role: .approved, by: Principal.named("李强 ")!, date: Day("2026-05-03"))
        }
    }

    /// Control data change only as a recorded change, and a draft is approved under the rules
    /// in force, not the ones it proposes.
    @Test(arguments: StoreKind.allCases)
    func aDraftCannotChangeTheRulesItIsApprovedUnder(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let control = archive.documents
        try edit(control, "capa", "record-number=\"CAPA-{yyyy}-{seq:3}\"", "record-number=\"CAPA-{yyyy}-{seq:3}\" self-approval=\"true\"")
        let pending = try await control.workingChanges("capa")
        #expect(pending.changes.map(\.description) == ["self-approval of control changed: not allowed → allowed"])
        try await revise(control, "DCR-2026-032")
        let wang = Principal.named("王芳")!
        try await control.approve("capa", role: .prepared, by: wang, date: Day("2026-05-01"))
        await #expect(throws: AuthorizationError.self) {
            try await control.approve("capa", role: .reviewed, by: wang, date: Day("2026-05-01"))
        }
        // Retention changed after the row was written: refused until recorded again.
        try edit(control, "capa", "retention-years=\"3\"", "retention-years=\"1\"")
        await #expect(throws: ChangeControlError.self) {
            try await control.approve("capa", role: .prepared, by: wang, date: Day("2026-05-01"))
        }
        _ = try await control.revise("capa", ChangeRequest(summary: "自批，保存期", pages: "P1", order: "DCR-2026-033", by: wang,
                                                           date: Day("2026-05-01"), amend: true))
        let row = try #require(try await control.workingChanges("capa").changes.first { $0.aspect == "retention" })
        #expect(row.after == "结案后1年 1 year after closure")
        for (role, name) in zip(Approval.Role.allCases, ["王芳", "李强", "周建国"]) {
            try await control.approve("capa", role: role, by: Principal.named(name)!, date: Day("2026-05-01"))
        }
        #expect(try await control.release("capa", effective: Day("2026-06-01")!, by: Principal.named("周建国")!, now: archive.clock.now)
                == Revision("A/1"))
        let revises = try await archive.store.entries().filter { $0.action == .revise }.compactMap(\.detail)
        #expect(revises == ["更改 (DCR-2026-032)", "amended: 自批，保存期 (DCR-2026-033)"])
    }
}
