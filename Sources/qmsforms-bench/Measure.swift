import Foundation

/// `--name value` from the command line, else `fallback`.
func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return fallback }
    return args[i + 1]
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// A child process run to the end: its exit status, wall time, peak memory and output.
struct Child {
    var status: Int32
    var seconds: Double
    /// Peak resident set size, from wait4's rusage (kilobytes on Linux).
    var maxRSSKB: Int
    var stdout: String

    /// Runs `arguments[0]` (found on PATH) with the rest as its arguments, stdout to a temporary
    /// file, stderr to ours (when `quiet` is false) or nowhere.
    static func run(_ arguments: [String], environment: [String: String] = [:], quiet: Bool = true) throws -> Child {
        let out = NSTemporaryDirectory() + "bench-out-\(getpid())-\(UUID().uuidString)"
        defer { unlink(out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if quiet { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: arguments[0]]) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -(status & 0x7f)
        return Child(status: exit, seconds: seconds, maxRSSKB: Int(usage.ru_maxrss), stdout: text)
    }
}

/// Bytes in all files below `path` (`du -sb`).
func diskBytes(_ path: String) -> Int {
    guard let r = try? Child.run(["du", "-sb", path]) else { return 0 }
    return Int(r.stdout.split(separator: "\t").first ?? "") ?? 0
}
