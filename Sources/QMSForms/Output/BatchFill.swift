import Foundation

extension FormFiller {
    /// Fills every record of `input` into `folder` as `NAME.xml` and `NAME.html`, several records
    /// at a time, each against the revision `schedule` gives for its record date. An invalid
    /// record is passed to `report` (in input order) and skipped; so is a record whose name an
    /// earlier record of the batch already took. Files are written whole (by one folder writer)
    /// and flushed to disk once at the end.
    public func fillAll(_ schedule: RevisionSchedule, from input: BatchInput, into folder: OutputFolder, run: BatchRun,
                        report: (BatchItem, any Error) -> Void, progress: (BatchRun.Summary) -> Void = { _ in }) async throws -> BatchRun.Summary {
        try folder.create()
        let writer = try FolderWriter(folder.url)
        var names = Set<String>()
        let filler = self
        let summary = try await run.run(input, work: { item in
            let data = try item.parse(template: schedule.current)
            return try filler.fill(schedule.template(for: data), data: data, source: item.source, fallbackName: item.fallbackName)
        }, commit: { item, result in
            switch result {
            case let .failure(error):
                report(item, error)
                return .invalid
            case let .success(filled):
                if let taken = Self.taken(filled.name, at: item, in: &names) { report(item, taken); return .invalid }
                return .write
            }
        }, write: { filled in
            var bytes = 0
            for file in filled.files {
                guard FileName.isSafe(file.name) else { throw FileError(.write, path: file.name, reason: "not a safe file name", remedy: "use letters, digits, - _ .") }
                try writer.write(file.data, name: file.name)
                bytes += file.data.count
            }
            return bytes
        }, progress: progress)
        folder.flush()
        return summary
    }

    /// Validates every record of `input` (each against the revision `schedule` gives for its
    /// record date) without writing anything; problems go to `report`.
    public static func validateAll(_ schedule: RevisionSchedule, from input: BatchInput, run: BatchRun,
                                   report: (BatchItem, any Error) -> Void, progress: (BatchRun.Summary) -> Void = { _ in })
        async throws -> BatchRun.Summary {
        var names = Set<String>()
        return try await run.run(input, work: { item in
            let data = try item.parse(template: schedule.current)
            return try RecordValidator(template: schedule.template(for: data)).validate(data, source: item.source).number ?? item.fallbackName
        }, commit: { item, result in
            switch result {
            case let .failure(error):
                report(item, error)
                return .invalid
            case let .success(name):
                // What fill would refuse, validate refuses too.
                if let taken = taken(name, at: item, in: &names) { report(item, taken); return .invalid }
                return .ok(bytes: 0)
            }
        }, progress: progress)
    }

    /// The refusal of a record whose output name (its record_no) an earlier record of the batch took.
    static func taken(_ name: String, at item: BatchItem, in names: inout Set<String>) -> DataError? {
        guard !names.insert(name).inserted else { return nil }
        return DataError(source: item.source, format: item.format, line: item.line,
                         message: "\(name) is already the record_no of an earlier record of this batch",
                         hint: "each record needs its own record_no; the rows of one CSV record must be one block")
    }
}
