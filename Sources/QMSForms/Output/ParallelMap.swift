import Foundation

/// `transform(0)…transform(count - 1)` on up to `threads` threads at once (each takes every
/// `threads`-th index), results in index order. For independent pieces of work: records of a
/// batch, files of an archive.
func parallelMap<T: Sendable>(_ count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                              _ transform: @Sendable (Int) -> T) -> [T] {
    let threads = max(1, min(threads, count))
    guard threads > 1 else { return (0..<count).map(transform) }
    let slots = Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
        for i in stride(from: worker, to: count, by: threads) { slots.set(i, transform(i)) }
    }
    return slots.values
}

/// One slot per index, each written by exactly one worker.
private final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
