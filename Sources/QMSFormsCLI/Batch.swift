import ArgumentParser
import Foundation
import QMSForms

/// `--fail-fast` and what every batch command shares: problems on stderr as they come, a
/// progress bar on a terminal (none when stderr is piped), the summary line, exit 1 when any
/// record was invalid.
struct BatchOptions: ParsableArguments {
    @Flag(help: "With many records (a folder, JSON Lines, a YAML stream, CSV rows): stop at the first invalid one.")
    var failFast = false

    var run: BatchRun { BatchRun(failFast: failFast) }

    /// Opens `path` as a batch, or `nil` when it holds one record.
    func input(_ path: String, template: Template, options: DataOptions) throws -> BatchInput? {
        guard BatchInput.isBatch(path: path, template: template, encoding: options.encoding, sheet: options.sheet) else { return nil }
        do { return try BatchInput(path: path, template: template, encoding: options.encoding, sheet: options.sheet) } catch { throw Failure(error) }
    }

    /// Runs `body` with a reporter and a progress bar, prints the summary, fails when any record was invalid.
    func perform(_ input: BatchInput, _ body: (_ report: (BatchItem, any Error) -> Void, _ progress: (BatchRun.Summary) -> Void) async throws -> BatchRun.Summary) async throws {
        let bar = ProgressBar(input: input)
        let summary: BatchRun.Summary
        do {
            summary = try await body({ item, error in
                bar.clear()
                let message = Failure(error).message
                writeDiagnostic("\(item.index): " + (message.hasPrefix(item.source) ? "" : item.position + ": ") + message + "\n")
            }, bar.draw)
        } catch {
            bar.clear()
            throw Failure(error)
        }
        bar.clear()
        print(summary.line)
        if summary.invalid > 0 {
            throw Failure(.invalidData, "\(summary.invalid) of \(summary.ok + summary.invalid) records invalid (listed above)")
        }
    }
}

/// `  45% [##########            ] 4500 records · 320/s` on stderr, redrawn at most 10 times a second,
/// only when stderr is a terminal.
final class ProgressBar {
    private let input: BatchInput
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = Date.distantPast
    private var shown = false

    init(input: BatchInput) { self.input = input }

    func draw(_ summary: BatchRun.Summary) {
        guard enabled, Date().timeIntervalSince(last) >= 0.1 else { return }
        last = Date()
        let fraction = input.total > 0 ? min(1, Double(input.done) / Double(input.total)) : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let text = String(format: "\r%4.0f%% [%@%@] %d records · %.0f/s ", fraction * 100, String(repeating: "#", count: filled),
                          String(repeating: " ", count: width - filled), summary.ok + summary.invalid, summary.recordsPerSecond)
        FileHandle.standardError.write(Data(text.utf8))
        shown = true
    }

    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 72) + "\r").utf8))   // the bar's own control
        shown = false
    }
}

/// Runs the check of one record; with `--format json` prints its ``ValidationReport`` on
/// standard output — also when the data is invalid or unreadable, which still exits 1.
func reporting(_ format: OutputFormat, template: Template, source: String, _ body: () async throws -> ValidationReport) async throws {
    let report: ValidationReport
    do { report = try await body() } catch {
        let failure = Failure(error)
        guard format == .json else { throw failure }
        switch failure.error {
        case let e as RecordError: try printJSON(ValidationReport(template: template, invalid: e))
        case let e as DataError: try printJSON(ValidationReport(source: source, template: template, unreadable: e))
        default: break
        }
        throw failure
    }
    if format == .json { try printJSON(report) }
}
