import Foundation

extension FormFiller {
    /// Fills every record of `input` into `folder` as `NAME.xml` and `NAME.html`, several records
    /// at a time. An invalid record is passed to `report` (in input order) and skipped; so is a
    /// record whose name an earlier record of the batch already took. Files are written whole
    /// (by one folder writer) and flushed to disk once at the end.
    public func fillAll(_ template: Template, from input: BatchInput, into folder: OutputFolder, run: BatchRun,
                        report: (BatchItem, any Error) -> Void, progress: (BatchRun.Summary) -> Void = { _ in }) async throws -> BatchRun.Summary {
        try folder.create()
        let writer = try FolderWriter(folder.url)
        var names = Set<String>()
        let filler = self
        let summary = try await run.run(input, work: { item in
            try filler.fill(template, data: item.parse(template: template), source: item.source, fallbackName: item.fallbackName)
        }, commit: { item, result in
            switch result {
            case let .failure(error):
                report(item, error)
                return .invalid
            case let .success(filled):
                guard names.insert(filled.name).inserted else {
                    report(item, FileError(.write, path: item.position, reason: "\(filled.name) is already filled by an earlier record of this batch; "
                        + "each record needs its own record_no"))
                    return .invalid
                }
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

    /// Validates every record of `input` without writing anything; problems go to `report`.
    public static func validateAll(_ template: Template, from input: BatchInput, run: BatchRun,
                                   report: (BatchItem, any Error) -> Void, progress: (BatchRun.Summary) -> Void = { _ in })
        async throws -> BatchRun.Summary {
        try await run.run(input, work: { item in
            _ = try RecordValidator(template: template).validate(item.parse(template: template), source: item.source)
        }, commit: { item, result in
            if case let .failure(error) = result { report(item, error); return .invalid }
            return .ok(bytes: 0)
        }, progress: progress)
    }
}
