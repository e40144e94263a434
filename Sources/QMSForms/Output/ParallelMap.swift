import Foundation
import Synchronization

/// `transform(0)…transform(count - 1)` on up to `threads` threads at once (each takes every
/// `threads`-th index), results in index order. For independent pieces of CPU work: the records
/// of a batch.
func parallelMap<T: Sendable>(_ count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                              _ transform: @Sendable (Int) -> T) -> [T] {
    let threads = max(1, min(threads, count))
    guard threads > 1 else { return (0..<count).map(transform) }
    let slots = Mutex<[T?]>(Array(repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
        for i in stride(from: worker, to: count, by: threads) {
            let value = transform(i)
            slots.withLock { $0[i] = value }
        }
    }
    return slots.withLock { $0.map { $0! } }
}
