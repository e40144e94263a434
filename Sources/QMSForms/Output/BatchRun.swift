import Foundation

/// Runs a job over every record of a ``BatchInput``, a chunk of records at a time: the
/// expensive part (`work`: parse, validate, render) on several threads at once; the part that
/// must keep order (`commit`: names, numbering, reporting) one at a time, in input order; then, for the records `commit` accepted, `write` on several threads again.
/// Memory stays flat: at most one chunk of records is held.
///
/// ```swift
/// let summary = try await BatchRun(workers: 2).run(input) { item in
///     try filler.fill(template, data: item.parse(template: template), source: item.position, fallbackName: item.fallbackName)
/// } commit: { item, result in … }
/// ```
public struct BatchRun: Sendable {
    /// What came of the batch.
    public struct Summary: Sendable, Equatable {
        /// Records done.
        public var ok = 0
        /// Records refused (each reported).
        public var invalid = 0
        /// Bytes written (fill) or 0.
        public var bytes = 0
        /// Wall time so far.
        public var seconds = 0.0
        /// Whether it stopped early (`failFast` and an invalid record).
        public var stopped = false

        /// Records (done and refused) per second.
        public var recordsPerSecond: Double { seconds > 0 ? Double(ok + invalid) / seconds : 0 }

        /// `ok 9998 · invalid 2 · 31.2 s · 320 records/s`
        public var line: String {
            String(format: "ok %d · invalid %d · %.1f s · %.0f records/s", ok, invalid, seconds, recordsPerSecond)
                + (bytes > 0 ? String(format: " · %.1f MB/s written", Double(bytes) / 1e6 / max(seconds, 1e-9)) : "")
                + (stopped ? " · stopped at the first invalid record (--fail-fast)" : "")
        }

        /// Nothing done yet.
        public init() {}
    }

    /// What `commit` says about one record: done, invalid, or accepted for `write`.
    public enum Verdict: Sendable {
        /// Done; `bytes` written.
        case ok(bytes: Int)
        /// Refused (and reported).
        case invalid
        /// Accepted: `write` writes it.
        case write
    }

    /// Threads for `work` and `write`.
    public var workers: Int
    /// Records held at once.
    public var chunk: Int
    /// Stop at the first invalid record.
    public var failFast: Bool

    /// A run on `workers` threads, `chunk` records at a time.
    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, chunk: Int = 64, failFast: Bool = false) {
        self.workers = max(1, workers)
        self.chunk = max(1, chunk)
        self.failFast = failFast
    }

    /// Runs `work` on each record (concurrently), `commit` on each result (in order), and
    /// `write` on each result that `commit` accepted (concurrently; it returns the bytes written).
    /// `progress` is called on this thread after each chunk.
    public func run<Output: Sendable>(_ input: BatchInput, work: @escaping @Sendable (BatchItem) throws -> Output,
                                      commit: (BatchItem, Result<Output, any Error>) async throws -> Verdict,
                                      write: @escaping @Sendable (Output) throws -> Int = { _ in 0 },
                                      progress: (Summary) -> Void = { _ in }) async throws -> Summary {
        let started = Date()
        var summary = Summary()
        var items: [BatchItem] = []
        items.reserveCapacity(chunk)
        var more = true
        while more {
            items.removeAll(keepingCapacity: true)
            while items.count < chunk, let item = try input.next() { items.append(item) }
            more = items.count == chunk
            if items.isEmpty { break }
            let batch = items
            let results = parallelMap(batch.count, threads: workers) { i in Result { try work(batch[i]) } }
            var accepted: [Output] = []
            for (i, item) in batch.enumerated() {
                let result = results[i]
                switch try await commit(item, result) {
                case let .ok(bytes):
                    summary.ok += 1
                    summary.bytes += bytes
                case .write:
                    summary.ok += 1
                    if case let .success(output) = result { accepted.append(output) }
                case .invalid:
                    summary.invalid += 1
                    if failFast { summary.stopped = true; more = false }
                }
                if summary.stopped { break }
            }
            let outputs = accepted
            for written in parallelMap(outputs.count, threads: workers, { i in Result { try write(outputs[i]) } }) {
                summary.bytes += try written.get()
            }
            summary.seconds = Date().timeIntervalSince(started)
            progress(summary)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}
