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
    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    private static let mallopt: Option? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt").map { unsafeBitCast($0, to: Option.self) }
    #endif

    /// Sets glibc's allocator for a batch that builds large arrays, before the run allocates
    /// them: blocks of 128 KiB and more are always mapped on their own (`M_MMAP_THRESHOLD`), so
    /// freeing one gives its pages back at once (by default glibc raises that threshold after the
    /// first large free, and later large buffers then stay in the heap once freed). Measured at
    /// 100k places: peak RSS 593 -> 533 MiB, same time (docs/PERFORMANCE.md). The number of
    /// arenas is left as it is: capping it at the number of cores saved memory but slowed the
    /// parallel reading (threads waiting for each other's arena).
    public static func tuneAllocator() {
        #if canImport(Glibc)
        let mmapThreshold: Int32 = -3  // malloc.h
        _ = mallopt?(mmapThreshold, 128 * 1024)
        #endif
    }

    public static func release() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
