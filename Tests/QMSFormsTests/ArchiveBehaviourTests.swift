import ComplianceTags
import Crypto
import Foundation
import QMSFormsPostgres
import QMSFormsPostgresTesting
import Testing
@testable import QMSForms

/// The storage seams behind one archive, built on one kind of store: what every
/// implementation of ``RecordArchiveStore``, ``AuditTrail`` and ``DocumentRegisterStore`` must do.
/// The same tests run against each (`StoreKind.allCases`), PostgreSQL on a real server (``PostgresCluster``).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case files, memory, postgres

    /// The key the PostgreSQL archives' heads are signed with: one per archive, as on every server of one deployment.
    static let headKey = P256.Signing.PrivateKey()

    var testDescription: String { rawValue }

    /// An archive on a fresh store of this kind with the built-in forms registered, its clock at `now`.
    func archive(at now: String = "2026-06-01T10:00:00Z") async throws -> (Archive, cleanUp: @Sendable () -> Void) {
        let clock = WallClock.fixed(ISO8601DateFormatter().date(from: now)!)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qms-behaviour-\(UUID().uuidString)")
        let cleanUp: @Sendable () -> Void = {
            chmodAll(folder)
            try? FileManager.default.removeItem(at: folder)
        }
        switch self {
        case .files:
            let ws = try await Workspace.create(at: folder.appendingPathComponent("ws"))
            return (try Archive(workspace: ws, clock: clock), cleanUp)
        case .memory, .postgres:
            // Only the authors' working copies are files (they are what people edit); the register,
            // the trail and the records are in memory or in PostgreSQL.
            let forms = folder.appendingPathComponent("forms")
            try ShippedForms.write(to: forms)
            let catalog = try FormCatalog(directory: forms)
            let store: any RecordArchiveStore, register: any DocumentRegisterStore
            var closing: @Sendable () -> Void = cleanUp
            if self == .memory {
                (store, register) = (MemoryArchiveStore(), MemoryRegisterStore())
            } else {
                let location = try await PostgresCluster.freshDatabase()
                let (records, documents) = (try await PostgresArchiveStore(location, headKey: StoreKind.headKey), try await PostgresRegisterStore(location))
                (store, register) = (records, documents)
                closing = { records.close(); documents.close(); cleanUp() }
            }
            let control = try ChangeControl(formsDirectory: forms, register: register, audit: store)
            try await control.registerInitial(try catalog.templates.map { ($0, try Data(contentsOf: URL(fileURLWithPath: $0.path))) }, by: nil)
            return (Archive(store: store, documents: control, settings: .neutral, clock: clock), closing)
        }
    }
}

/// Makes every file below `folder` writable again (frozen files are read-only) so it can be removed.
func chmodAll(_ folder: URL) {
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return }
    for case let path as String in walker { chmod(folder.appendingPathComponent(path).path, 0o755) }
}

@Suite struct ArchiveBehaviourTests {
    let quality = Principal.named("李强")!

    static func example(_ alias: String) throws -> DataNode {
        try Fixtures.example(alias).removing(["record_no"])
    }

    @Test(.tags(.cfr11_10e), arguments: StoreKind.allCases)
    func numbersFollowOnPerSeriesAndEveryIssueIsLoggedAndFrozen(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        var numbers: [String] = []
        for _ in 0..<3 { numbers.append(try await archive.issue("8d", data: try Self.example("8d"), source: "8d.yaml", by: quality).number) }
        numbers.append(try await archive.issue("capa", data: try Self.example("capa"), source: "capa.yaml", by: quality).number)
        #expect(numbers == ["8D-2026-001", "8D-2026-002", "8D-2026-003", "CAPA-2026-001"])
        // The trail starts with the 13 registrations, then the four issues.
        let entries = try await archive.store.entries()
        #expect(entries.prefix(13).allSatisfy { $0.action == .register } && entries.count == 17)
        #expect(entries.dropFirst(13).map(\.seq) == [14, 15, 16, 17] && entries.dropFirst(13).allSatisfy { $0.action == .issue && $0.actor == "李强" })
        #expect(try await archive.store.verifiedEntries().problems.isEmpty)
        let row = try #require(try await archive.store.indexed("8D-2026-002"))
        let xml = try await archive.store.file("\(row.path)/r0.xml")
        #expect(String(decoding: xml, as: UTF8.self).contains("number=\"8D-2026-002\""))
        #expect(try await archive.record(row).value("customer")?.lexical == "江苏恒远精密机械有限公司")
        #expect(try await archive.verify().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedIssueChangesNothing(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let invalid = try Self.example("8d").setting(["complaint", "customer"], .text(""))
        await #expect(throws: RecordError.self) { try await archive.issue("8d", data: invalid, source: "bad.yaml", by: quality) }
        await #expect(throws: ArchiveError.numberGiven("8D-2026-001")) {
            try await archive.issue("8d", data: try Fixtures.example("8d"), source: "8d.yaml", by: quality)
        }
        #expect(try await archive.store.entries().allSatisfy { $0.action == .register })
        #expect(try await archive.store.storedFiles().isEmpty)
        #expect(try await archive.issue("8d", data: try Self.example("8d"), source: "8d.yaml", by: quality).number == "8D-2026-001")
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentIssuesGetDistinctConsecutiveNumbers(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let data = try Self.example("opinion"), who = quality
        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<12 { group.addTask { try await archive.issue("opinion", data: data, source: "o.yaml", by: who).number } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(numbers.sorted() == (1...12).map { String(format: "YJ-2026-%03d", $0) })
        #expect(try await archive.verify().isEmpty)
    }

    @Test(.tags(.iso7_5_3, .cfr11_10e), arguments: StoreKind.allCases)
    func aCorrectionAddsARevisionAndKeepsTheEarlierOne(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let number = try await archive.issue("opinion", data: try Self.example("opinion"), source: "o.yaml", by: quality).number
        let fixed = try Self.example("opinion").setting(["entry", "customer"], .text("山东鲁北机械制造股份有限公司"))
        await #expect(throws: ArchiveError.missingReason(action: "correct")) {
            try await archive.correct(number, data: fixed, source: "o2.yaml", reason: " ", by: quality)
        }
        let corrected = try await archive.correct(number, data: fixed, source: "o2.yaml", reason: "客户全称", by: quality)
        #expect(corrected.revision == 1)
        let (row, history) = try await archive.show(number)
        #expect(row.state == .corrected && row.revision == 1 && row.customer == "山东鲁北机械制造股份有限公司")
        #expect(history.map(\.action) == [.issue, .correct] && history[1].reason == "客户全称")
        let r0 = try await archive.store.file("\(row.path)/r0.xml"), r1 = try await archive.store.file("\(row.path)/r1.xml")
        #expect(r0 != r1)
        #expect(String(decoding: try await archive.rendition(number), as: UTF8.self).contains("客户全称"))
        #expect(try await archive.verify().isEmpty)
    }

    @Test(.tags(.cfr11_10f), arguments: StoreKind.allCases)
    func aVoidNumberIsNeverCorrectedOrPrintedAgain(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        let number = try await archive.issue("opinion", data: try Self.example("opinion"), source: "o.yaml", by: quality).number
        try await archive.void(number, reason: "重复登记", by: quality)
        await #expect(throws: ArchiveError.voided(number)) {
            try await archive.correct(number, data: try Self.example("opinion"), source: "o.yaml", reason: "x", by: quality)
        }
        await #expect(throws: ArchiveError.voided(number)) { try await archive.rendition(number) }
        await #expect(throws: ArchiveError.voided(number)) { try await archive.void(number, reason: "again", by: quality) }
        #expect(try await archive.search(.init(state: .void)).map(\.number) == [number])
        #expect(try await archive.issue("opinion", data: try Self.example("opinion"), source: "o.yaml", by: quality).number == "YJ-2026-002")
        #expect(try await archive.verify().isEmpty)
    }

    @Test(.tags(.iso7_5_3, .cfr11_10c), arguments: StoreKind.allCases)
    func disposalWaitsForRetentionByTheRealClockAndKeepsTheFact(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        // An opinion is kept 3 years from its record date (entry_date).
        let old = try Self.example("opinion").setting(["entry", "entry_date"], .text("2022-03-16"))
        let due = try await archive.issue("opinion", data: old, source: "o.yaml", by: quality).number
        let recent = try await archive.issue("opinion", data: try Self.example("opinion"), source: "o.yaml", by: quality).number
        await #expect(throws: ArchiveError.notDue(number: recent, keepUntil: "2029-03-16")) {
            try await archive.dispose(recent, reason: "到期", by: quality)
        }
        #expect(try await archive.due().map(\.number) == [due])
        let path = try #require(try await archive.store.indexed(due)).path
        try await archive.dispose(due, reason: "保存期满", by: quality)
        await #expect(throws: ArchiveError.self) { try await archive.store.file("\(path)/r0.xml") }
        #expect(try await archive.store.indexed(due)?.state == .disposed)
        let last = try #require(try await archive.store.history(of: due).last)
        #expect(last.action == .dispose && last.reason == "保存期满" && last.detail == "kept until 2025-03-16")
        await #expect(throws: ArchiveError.disposed(due)) { try await archive.dispose(due, reason: "again", by: quality) }
        #expect(try await archive.verify().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func searchUsesTheFieldsTheFormsDeclare(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive()
        defer { cleanUp() }
        // A service record is dated by the service (start_at), not by the product's delivery date.
        let service = try await archive.issue("service", data: try Self.example("service"), source: "s.yaml", by: quality).number
        let opinion = try await archive.issue("opinion", data: try Self.example("opinion"), source: "o.yaml", by: quality).number
        let row = try #require(try await archive.store.indexed(service))
        #expect(row.recordDate == "2026-04-14" && row.customer == "浙江新成液压设备有限公司")
        #expect(try await archive.search(.init(from: Day("2026-04-14"), to: Day("2026-04-14"))).map(\.number) == [service])
        #expect(try await archive.search(.init(from: Day("2025-11-20"), to: Day("2025-11-20"))).isEmpty)
        #expect(try await archive.search(.init(customer: "鲁北")).map(\.number) == [opinion])
        #expect(try await archive.search(.init(complaintCategory: "d")).map(\.number) == [opinion])
        #expect(try await archive.search(.init(form: "opinion")).map(\.number) == [opinion])
        #expect(try await archive.search(.init(number: "FW-*")).map(\.number) == [service])
        #expect(try await archive.search(.init(text: "换向阀")).map(\.number) == [service])
        #expect(try await archive.reindex() == 2)
        #expect(try await archive.search(.init()).count == 2)
        #expect(try await archive.verify().isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func documentControlLogsToTheTrailAndReleasesFrozenBytes(_ kind: StoreKind) async throws {
        let (archive, cleanUp) = try await kind.archive(at: "2026-03-10T10:00:00Z")
        defer { cleanUp() }
        let control = archive.documents
        let url = control.formsDirectory.appendingPathComponent("capa.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "en=\"Corrective &amp; Preventive Action Form\"", with: "en=\"Corrective and Preventive Action Form\"").utf8).write(to: url)
        let author = Principal.named("王芳")!
        _ = try await control.revise("capa", ChangeRequest(summary: "英文标题", pages: "P1", order: "DCR-2026-009", by: author))
        for (role, name) in zip(Approval.Role.allCases, ["王芳", "李强", "周建国"]) {
            try await control.approve("capa", role: role, by: Principal.named(name)!, date: Day("2026-03-01"))
        }
        await #expect(throws: ChangeControlError.effectiveBeforeRelease(document: "SG-QR-22-01", effective: "2026-03-09", today: "2026-03-10")) {
            try await control.release("capa", effective: Day("2026-03-09")!, by: Principal.named("周建国")!, now: archive.clock.now)
        }
        #expect(try await control.release("capa", effective: Day("2026-03-10")!, by: Principal.named("周建国")!, now: archive.clock.now) == Revision("A/1"))
        let register = try await control.register.load()
        let capa = try #require(register.documents.first { $0.alias == "capa" })
        #expect(capa.released.map(\.revision) == ["A/0", "A/1"])
        #expect(try await control.register.frozen(capa.released[1], of: capa.number) == Data(contentsOf: url))
        #expect(try await control.templateForFilling("capa", asOf: Day("2026-03-10")).0.control.revision == Revision("A/1"))
        #expect(try await control.templateForFilling("capa", asOf: Day("2026-03-09")).0.control.revision == Revision("A/0"))
        let logged = try await archive.store.entries().filter { $0.form == capa.number }.map(\.action)
        #expect(logged == [.register, .revise, .approve, .approve, .approve, .release])
        #expect(try await control.verify().isEmpty)
        // A CAPA raised after A/1 took effect is on A/1; one raised on paper before it, typed in
        // now, is on A/0, the form it was written on.
        let raised = { (day: String) in try Self.example("capa").setting(["header", "raised_on"], .text(day)) }
        #expect(try await archive.issue("capa", data: try raised("2026-03-16"), source: "c.yaml", by: quality).entry.revision == "A/1")
        #expect(try await archive.issue("capa", data: try raised("2026-03-09"), source: "c.yaml", by: quality).entry.revision == "A/0")
    }
}
