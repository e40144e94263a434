import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A headless Chromium started for this process only: a private profile folder, the DevTools
/// protocol over a socket on its descriptors 3 and 4 (`--remote-debugging-pipe`), no network
/// port opened, scripts disabled. Closing it ends the browser and removes the profile.
final class BrowserProcess {
    let pid: pid_t
    /// Our end of the DevTools channel.
    private(set) var channel: Int32
    let profile: URL
    private let logURL: URL
    private var ended = false

    init(_ chromium: Chromium) throws(PrintError) {
        let executable = chromium.executable.path
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("qmsforms-print-\(getpid())-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .launchFailed(executable: executable, reason: FileError.from(error, .create, path: "a browser profile folder").description)
        }
        self.profile = profile
        logURL = profile.appendingPathComponent("stderr.log")

        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            try? FileManager.default.removeItem(at: profile)
            throw .launchFailed(executable: executable, reason: String(cString: strerror(errno)))
        }
        // The child's end must not sit on 3 or 4 itself, or dup2 onto it would keep close-on-exec.
        let childEnd = fcntl(pair[1], F_DUPFD_CLOEXEC, 10)
        close(pair[1])
        defer { close(childEnd) }

        var arguments = [executable, "--headless", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
                         "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                         "--disable-background-networking", "--disable-component-update", "--mute-audio",
                         "--blink-settings=scriptEnabled=false", "--user-data-dir=" + profile.path, "about:blank"]
        // Chromium's sandbox cannot run as root; anywhere else it stays on.
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = profile.appendingPathComponent("config").path
        environment["XDG_CACHE_HOME"] = profile.appendingPathComponent("cache").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, logURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, childEnd, 3)
        posix_spawn_file_actions_adddup2(&actions, childEnd, 4)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The browser starts with default signal handling, whatever this process ignores.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(pair[0])
            try? FileManager.default.removeItem(at: profile)
            throw .launchFailed(executable: executable, reason: String(cString: strerror(status)))
        }
        self.pid = pid
        channel = pair[0]
    }

    /// The last lines the browser wrote to stderr, without the D-Bus noise of a desktop-less machine.
    var logTail: String {
        guard let text = try? String(contentsOf: logURL, encoding: .utf8) else { return "" }
        let lines = text.split(separator: "\n").filter { !$0.contains("dbus") && !$0.contains("DBus") }
        return lines.suffix(8).joined(separator: "\n")
    }

    /// Whether the browser has exited (reaping it if so).
    var hasExited: Bool {
        if ended { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { ended = true }
        return ended
    }

    /// Ends the browser (once is enough; again does nothing): closes the channel (Chromium exits when it closes), waits up to
    /// `grace` seconds, then kills it; removes the profile folder.
    func end(grace: Double = 5) {
        if channel >= 0 { close(channel); channel = -1 }
        let deadline = Date().addingTimeInterval(grace)
        while !hasExited && Date() < deadline { usleep(20_000) }
        if !hasExited {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            ended = true
        }
        try? FileManager.default.removeItem(at: profile)
    }

    deinit { end(grace: 1) }
}
