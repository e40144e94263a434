import Synchronization

/// One holder at a time, in arrival order, without blocking a thread while waiting: what a
/// storage implementation holds around a transaction whose body awaits.
///
/// ```swift
/// let gate = ExclusiveAccess()
/// let n = try await gate.run { try await nextNumber() }
/// ```
public final class ExclusiveAccess: Sendable {
    private struct State {
        var held = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    /// A gate nobody holds yet.
    public init() {}

    /// Runs `body` once every earlier caller has finished.
    public func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        let mustWait = state.withLock { s -> Bool in
            if !s.held { s.held = true; return false }
            return true
        }
        guard mustWait else { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if !s.held { s.held = true; return true }
                s.waiting.append(c)
                return false
            }
            if resumeNow { c.resume() }
        }
    }

    private func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.waiting.isEmpty { s.held = false; return nil }
            return s.waiting.removeFirst()   // stays held: handed to the next in line
        }
        next?.resume()
    }
}
