import Dispatch

/// Work spread over every core, with results in input order (never depending on scheduling).
public enum Parallel {
    /// At most this many threads (tests compare one thread with all cores); nil: every core.
    nonisolated(unsafe) public static var threadLimit: Int?

    /// `transform` applied to every element of `items` on all cores; the results in the order of
    /// `items`. `transform` must only read shared state. Small inputs run on the calling thread.
    public static func map<T, U>(_ items: [T], minimumPerThread: Int = 64, _ transform: (T) -> U) -> [U] {
        let threads = min(threadLimit ?? ProcessInfoShim.activeProcessorCount, max(1, items.count / minimumPerThread))
        if threads <= 1 { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let box = UncheckedBox((items, transform))
            return [U](unsafeUninitializedCapacity: items.count) { buffer, initialized in
                let out = UncheckedBox(buffer)
                // A few chunks per thread, so a slow chunk does not leave a core idle.
                let chunks = threads * 4
                let size = (items.count + chunks - 1) / chunks
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let (items, transform) = box.value
                    let start = c * size, end = min(items.count, start + size)
                    guard start < end else { return }
                    for i in start..<end { (out.value.baseAddress! + i).initialize(to: transform(items[i])) }
                }
                initialized = items.count
            }
        }
    }
}

extension Parallel {
    /// Number of threads the work is spread over.
    public static var workers: Int { min(threadLimit ?? ProcessInfoShim.activeProcessorCount, 8) }

    /// `0..<n` cut into one contiguous range per thread (a single range below `minimum`), `body`
    /// run on each range on all cores; the results in range order.
    public static func ranges<T>(_ n: Int, minimum: Int = 4096, _ body: (Range<Int>) -> T) -> [T] {
        let w = n < minimum ? 1 : workers
        if w <= 1 { return [body(0..<n)] }
        return withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            return [T](unsafeUninitializedCapacity: w) { buffer, initialized in
                let out = UncheckedBox(buffer)
                DispatchQueue.concurrentPerform(iterations: w) { k in
                    (out.value.baseAddress! + k).initialize(to: box.value((n * k / w)..<(n * (k + 1) / w)))
                }
                initialized = w
            }
        }
    }
}

/// Carries a value the compiler cannot prove safe into concurrent work that only reads it (or
/// writes disjoint parts of it).
public struct UncheckedBox<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

/// Number of cores, without Foundation.
enum ProcessInfoShim {
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
