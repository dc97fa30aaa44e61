import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois
#if canImport(Glibc)
import Glibc
#endif

/// What `unefois run` writes on standard error, besides the data: French lines (default) or the
/// JSON journal (`--journal-format json`), and the live progress line when standard error is a
/// terminal (unless `--silencieux`). The final summary line is the same in both formats: last line
/// of standard error in text mode; in JSON mode it goes to standard output, so that every line of
/// standard error is a JSON object (a cron line appends it to a `.jsonl` file, the `fin` event
/// carries the summary as `resume`).
final class RunConsole {
    enum Format: String { case texte, json }

    let console = StderrConsole()
    let format: Format
    let observer: RunObservers

    init(format: Format, silencieux: Bool) {
        self.format = format
        var observers: [any RunObserver] = []
        if format == .json { observers.append(JSONJournal(console: console)) }
        if !silencieux && console.isTerminal {
            observers.append(TerminalProgress(console: console))
            // Ctrl-C: erase the live line so the shell prompt starts clean (the lock goes with
            // the process; staged files are cleaned by the next run).
            signal(SIGINT) { _ in
                let erase: StaticString = "\r\u{1B}[K"
                _ = write(2, erase.utf8Start, erase.utf8CodeUnitCount)
                _exit(130)
            }
        }
        observer = RunObservers(observers)
    }

    /// The format named by `--journal-format`; 78 for anything else.
    static func format(_ text: String) throws -> Format {
        guard let f = Format(rawValue: text) else {
            throw OperationalError(.configuration, "--journal-format « \(text) » : valeurs possibles : texte, json.")
        }
        return f
    }

    /// A French line of the default format (not written in JSON mode, where events say it).
    func texte(_ line: String) {
        if format == .texte { console.line(line) }
    }

    /// Ends the run: the `fin` event, the progress line erased, then the summary line, last (on
    /// standard output in JSON mode).
    func finish(exitCode: Int32, summary: String, counts: [(String, Int)] = []) {
        observer.observe(.runFinished(exitCode: exitCode, summary: summary, counts: counts))
        console.finish()
        if format == .json {
            var line = summary + "\n"
            line.withUTF8 { b in _ = write(1, b.baseAddress, b.count) }
        } else {
            console.line(summary)
        }
    }

    /// The journal format and `--silencieux` read before the other options, so that an option
    /// error of a JSON run is a `fin` event too.
    static func prescan(_ args: [String]) -> (format: Format, silencieux: Bool) {
        var format = Format.texte
        var silencieux = false
        var i = 0
        while i < args.count {
            if args[i] == "--journal-format", i + 1 < args.count, let f = Format(rawValue: args[i + 1]) {
                format = f
                i += 1
            } else if args[i] == "--silencieux" || args[i] == "--quiet" {
                silencieux = true
            }
            i += 1
        }
        return (format, silencieux)
    }
}
