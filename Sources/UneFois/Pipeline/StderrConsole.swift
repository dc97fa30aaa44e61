import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard error of the command: whole lines (French messages, JSON journal) and, on a
/// terminal, one live line redrawn in place. A whole line first erases the live line, so the
/// two never mix; `finish()` erases it for good.
public final class StderrConsole: @unchecked Sendable {
    private let fd: Int32
    private var live = false
    /// Whole lines come from the run's thread, the redrawn line may come from a ticker thread.
    private let lock = ThreadLock()
    /// Bytes written, for tests that capture the console.
    public private(set) var captured: [UInt8]? = nil

    /// `fd` 2 by default; `capture` keeps what would be written instead of writing it.
    public init(fd: Int32 = 2, capture: Bool = false) {
        self.fd = fd
        if capture { captured = [] }
    }

    /// True when the file descriptor is a terminal (progress is shown only then).
    public var isTerminal: Bool { isatty(fd) == 1 }

    /// Width of the terminal in columns (80 when unknown).
    public var columns: Int {
        if captured != nil { return 200 }
        var w = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0 { return Int(w.ws_col) }
        return 80
    }

    /// Writes `text` followed by a newline, after erasing the live line.
    public func line(_ text: String) {
        lock.withLock { lineLocked(text) }
    }

    private func lineLocked(_ text: String) {
        var bytes: [UInt8] = []
        if live { bytes += Array("\r\u{1B}[K".utf8); live = false }
        bytes += Array(text.utf8)
        bytes.append(0x0A)
        emit(bytes)
    }

    /// Replaces the live line with `text` (cut to the terminal's width, so it never wraps).
    public func live(_ text: String) {
        lock.withLock { liveLocked(text) }
    }

    private func liveLocked(_ text: String) {
        let width = max(20, columns - 1)
        let shown = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        emit(Array("\r\u{1B}[K".utf8) + Array(shown.utf8))
        live = true
    }

    /// Erases the live line, if any.
    public func finish() {
        lock.withLock {
            guard live else { return }
            emit(Array("\r\u{1B}[K".utf8))
            live = false
        }
    }

    private func emit(_ bytes: [UInt8]) {
        if captured != nil { captured! += bytes; return }
        bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}

/// Monotonic and wall clocks for observers (never used for data).
public enum RunClock {
    /// Seconds since an arbitrary point, monotonic.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// UTC time as ISO 8601 with milliseconds: `2026-11-30T02:00:04.123Z`.
    public static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = time_t(ts.tv_sec)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let ms = Int(ts.tv_nsec / 1_000_000)
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)).\(msText)Z"
    }
}
