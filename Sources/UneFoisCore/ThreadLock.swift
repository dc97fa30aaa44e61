#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutual-exclusion lock for the little state that threads share (the console, the progress
/// line, memoised translations).
public final class ThreadLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()

    public init() { pthread_mutex_init(&mutex, nil) }

    deinit { pthread_mutex_destroy(&mutex) }

    /// Runs `body` holding the lock.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}

/// A value worked out once, by whichever thread asks for it first, while the others that ask
/// meanwhile wait for it (it holds its lock while computing, so the order in which threads get
/// there cannot deadlock: the one computing never waits on them).
public final class Once<Value>: @unchecked Sendable {
    private let lock = ThreadLock()
    private var stored: Value?
    private let compute: () -> Value

    public init(_ compute: @escaping () -> Value) { self.compute = compute }

    /// The value, computed now if no thread has yet.
    public var value: Value {
        lock.withLock {
            if let v = stored { return v }
            let v = compute()
            stored = v
            return v
        }
    }
}
