// Benchmarks (not tests). Run through bench/*.sh, release build.
//
//   qmsforms-bench archive --records 100000 --forms forms --workspace /tmp/bench-ws --json out.json
//   qmsforms-bench generate --records 10000 --forms forms --out records.jsonl [--unnumbered]
//   qmsforms-bench batch --records 10000 --large 1000000 --forms forms --peers ../shared/bench/peers --json out.json
import Foundation

switch CommandLine.arguments.dropFirst().first {
case "archive": try await archiveBench()
case "generate":
    let n = Int(argument("--records", "1000")) ?? 1000
    try RecordGenerator(forms: URL(fileURLWithPath: argument("--forms", "forms")), numbered: !CommandLine.arguments.contains("--unnumbered"))
        .write(n, to: URL(fileURLWithPath: argument("--out", "records.jsonl")))
case "batch": try batchBench()
default:
    FileHandle.standardError.write(Data("usage: qmsforms-bench archive|generate|batch [options] (see bench/*.sh)\n".utf8))
    exit(2)
}
