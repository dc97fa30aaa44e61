#if canImport(Glibc)
import Glibc
#endif

/// Gives the pages the allocator holds but no longer uses back to the system.
///
/// Between stages the run frees far more than it keeps (a stage's temporaries: mapped records,
/// strings, sort buffers, made on several threads). glibc keeps those pages in its per-thread
/// arenas, so the resident size stays at the stage's peak although the heap is much smaller;
/// the next stage's allocations land on top. glibc's `malloc_trim(0)` returns the free pages of
/// every arena (a few milliseconds). It is looked up at run time (`malloc.h` is not in Swift's
/// Glibc module); without it, nothing is done.
public enum FreeMemory {
    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    #endif

    public static func release() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
