import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
import Foundation

/// Measures the CSV path on a generated file in the standard's shape (32 columns, quoted cells,
/// `|` lists): scan only, scan + decode every field to `String`, and the table reader. Used by
/// `unefois bench` and the `UneFoisBench` executable; never by unit tests.
public enum CSVBenchmark {
    /// Writes `rows` standard-shaped records to a temporary file and returns its path.
    public static func generate(rows: Int, path: String) throws {
        var w = CSVWriter()
        w.row(Champ.allCases.map(\.rawValue))
        var out = w.bytes
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw OperationalError(.cannotCreate, "Impossible de créer le fichier de mesure \(path).")
            }
        }
        guard let fd = FileHandle(forWritingAtPath: path) else {
            throw OperationalError(.cannotCreate, "Impossible d'écrire le fichier de mesure \(path).")
        }
        defer { try? fd.close() }
        try fd.truncate(atOffset: 0)
        for i in 0..<rows {
            var r = CSVWriter()
            r.row([
                "lieu-\(i)", "13002526500013", "Médiathèque n° \(i), « La Durance »", "Cavaillon", "84300", "84035",
                "\(i) avenue du Pont-de-Durance", "Bâtiment B", "43.8\(i % 1000)", "5.03\(i % 1000)", "BIB|MUNI",
                "+33490712345", "contact\(i)@exemple-lmv.fr", "https://www.exemple-lmv.fr/lieu-\(i)",
                "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", "Permanences numériques, ateliers collectifs et accès libre.",
                "Un texte plus long qui décrit le lieu, avec des \"guillemets\" et une virgule, pour ressembler aux vraies données.",
                "conseiller-numerique", "Fixe", "", "2025-06-12",
                "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien", "Seniors|Jeunes", "",
                "Gratuit", "Conseillers numériques|France Services", "", "", "Se présenter|Téléphoner",
                "Accompagnement individuel|Dans un atelier collectif", "", "",
            ])
            out += r.bytes
            if out.count > 8 << 20 {
                fd.write(Data(out))
                out.removeAll(keepingCapacity: true)
            }
        }
        fd.write(Data(out))
    }

    /// Peak resident memory of this process, in MiB (from /proc/self/status, Linux).
    public static func peakMemoryMiB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }

    /// Generates the file, times three passes, and returns a French report.
    public static func run(rows: Int) throws -> String {
        let path = NSTemporaryDirectory() + "unefois-bench-\(rows).csv"
        if !FileManager.default.fileExists(atPath: path) { try generate(rows: rows, path: path) }
        let file = try MappedFile(path: path)
        let mb = Double(file.bytes.count) / 1_000_000
        func time(_ body: () throws -> Int) rethrows -> (Double, Int) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let n = try body()
            return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, n)
        }
        let (tStream, nStream) = try time {
            var n = 0
            let streamed = try MappedFile(path: path)
            _ = try CSVTableReader.stream(bytes: streamed.bytes, options: CSVReadOptions(encoding: .utf8, separator: UInt8(ascii: ",")), source: "bench", file: path,
                                          progress: { streamed.release(before: $0) }) { r in n += r.values.count }
            return n
        }
        let streamLine = (String(format: "Lecture en flux (CSVTableReader.stream, chaque valeur décodée en String) : %.3f s, %.0f Mo/s (%d valeurs)", tStream, mb / tStream, nStream))
        let memAfterStream = peakMemoryMiB()
        // One pass of the bare scanner; `perRecord` says what is done with each record.
        func scan(_ perRecord: (CSVScanner, CSVRecord) -> Int) -> Int {
            var s = CSVScanner(bytes: file.bytes, separator: UInt8(ascii: ","))
            var r = CSVRecord()
            var total = 0
            var next = 32 << 20
            while s.next(into: &r) {
                total &+= perRecord(s, r)
                if r.byteOffset > next { file.release(before: r.byteOffset); next += 32 << 20 }
            }
            return total
        }
        let (tScan, nScan) = time { scan { _, r in r.fields.count } }
        let memAfterScan = peakMemoryMiB()
        let (tDecode, nDecode) = time {
            scan { s, r in r.fields.reduce(0) { $0 &+ s.string($1, encoding: .utf8).utf8.count } }
        }
        var lines = [
            "Fichier généré : \(path) (\(rows) lignes, \(String(format: "%.1f", mb)) Mo)",
            String(format: "Balayage CSV (octets, sans String) : %.3f s, %.0f Mo/s (%d champs)", tScan, mb / tScan, nScan),
            String(format: "Balayage + décodage de chaque champ en String : %.3f s, %.0f Mo/s (%d octets)", tDecode, mb / tDecode, nDecode),
            streamLine,
            String(format: "Mémoire résidente maximale après la lecture en flux : %.0f Mio ; après les balayages : %.0f Mio", memAfterStream, memAfterScan),
        ]
        lines.append(String(format: "Mémoire résidente maximale à la fin : %.0f Mio", peakMemoryMiB()))
        return lines.joined(separator: "\n")
    }

    /// Runs the whole job on a standard file of `rows` rows, generated at `path` when absent
    /// (territory filter off, so every row goes through every stage), writing into `out`; reports
    /// wall time, throughput, and the time and memory of each stage. Returns the report and the
    /// run's result: the caller ends the process holding it, as `unefois run` does (freeing
    /// 300,000 places one by one at exit takes a quarter of a second, for nothing).
    public static func runPipeline(rows: Int, path: String? = nil, out: String? = nil) throws -> (report: String, result: RunResult) {
        let path = path ?? NSTemporaryDirectory() + "unefois-bench-\(rows).csv"
        if !FileManager.default.fileExists(atPath: path) { try generate(rows: rows, path: path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let mb = Double(size ?? 0) / 1_000_000
        var configuration = Configuration()
        configuration.filtrerTerritoire = false
        configuration.sources = [SourceSpec(nom: "bench", format: "mednum", chemin: path)]
        let out = out ?? NSTemporaryDirectory() + "unefois-bench-sortie-\(rows)"
        FileManagerShim.remove(out)
        let clock = StageClock()
        let result = try RunJob.run(configuration: configuration, out: out, observer: clock)
        let seconds = clock.total
        var lines = [
            "Fichier : \(path) (\(result.sources.first?.enregistrementsLus ?? rows) lignes, \(String(format: "%.1f", mb)) Mo)",
            String(format: "Chaîne complète (lecture, normalisation, validation, dédoublonnage, publication, rapport) : %.2f s, %.1f Mo/s, %.0f lignes/s", seconds, mb / seconds, Double(result.sources.first?.enregistrementsLus ?? rows) / seconds),
            "Lieux publiés : \(result.publies.count), problèmes relevés : \(result.issues.count) ; sorties dans \(out)",
            "Étapes (durée ; mémoire résidente à la fin de l'étape ; pic depuis le début) :",
        ]
        let stages = clock.etapes
        for e in stages {
            let name = e.nom.count < 56 ? e.nom + String(repeating: " ", count: 56 - e.nom.count) : e.nom
            lines.append("  " + name + String(format: "%7.2f s  %6.0f Mio  %6.0f Mio", e.secondes, e.residenteMiB, e.picMiB))
        }
        lines.append("  (les fichiers publiés sont écrits en parallèle sur tous les cœurs : leurs durées se chevauchent)")
        lines.append(String(format: "Mémoire résidente maximale : %.0f Mio", peakMemoryMiB()))
        return (lines.joined(separator: "\n"), result)
    }
}
