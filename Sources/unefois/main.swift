import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisReport
import UneFois
import UneFois

#if canImport(Glibc)
import Glibc
#endif

/// The `unefois` command line: French help and messages, sysexits exit codes.
enum CLI {
    static let usage = """
    unefois — données de l'inclusion numérique, « dites-le-nous une fois ».

    Utilisation :
      unefois run [--config FICHIER] [--source [NOM=]FORMAT:CHEMIN [--correspondance FICHIER]]... [--out DOSSIER]
          Lit les sources, normalise, valide, dédoublonne et publie dans DOSSIER (défaut : sortie).
          Sans --config ni --source : les exemples fournis (samples/unefois.json).
          --source (répétable) remplace les sources de la configuration ; NOM vaut par défaut
          le nom du fichier sans extension ; --correspondance donne le fichier de correspondance
          de la source qui la précède (obligatoire pour les formats csv et json).
          Formats : mednum, datainclusion, dora, france-services, coop, geojson, gml, gpkg, csv, json
          (coop, france-services, mednum et csv acceptent aussi un classeur .xlsx).
          --essai : tout dans un dossier temporaire, puis ce qui changerait dans DOSSIER (rien n'y est écrit).
          --journal-format json : un objet JSON par événement sur la sortie d'erreur, le résumé sur la sortie standard (défaut : texte).
          --silencieux : pas de ligne de progression sur le terminal.
          --accepter-baisse : publie une fois malgré une baisse de plus de 30 % des lieux (code 79).
          --nouvel-etat : repart d'un état vide quand unefois.sqlite est abîmé ou perdu (code 80).
          --du AAAA-MM-JJ --au AAAA-MM-JJ, ou --annee AAAA : période du rapport d'indicateurs
          (défaut : les douze derniers mois complets des données).
      unefois validate FICHIER [--schema mednum|datainclusion] [--json]
          Valide un fichier seul et affiche un rapport en français (codes de frictionless) ;
          --json : le même rapport en JSON.
      unefois inspect FICHIER [--ecrire CORRESPONDANCE.json [--remplacer]]
          Décrit un fichier inconnu (encodage, séparateur, colonnes reconnues par leur nom et leur
          contenu, pourquoi, avec quelle confiance) et écrit un brouillon de correspondance.
          Nouvelle source pas à pas : unefois aide nouvelle-source.
      unefois explain IDENTIFIANT [--out DOSSIER]
          Explique un lieu publié : les enregistrements réunis et pourquoi, et la provenance
          (source, fichier, ligne, colonne) de chaque valeur.
      unefois doublons [--out DOSSIER]
          Écrit DOSSIER/doublons-a-revoir.csv : les paires d'enregistrements incertaines ou dont la
          fusion a été refusée, les pires d'abord, avec le poids de chaque critère.
      unefois bench [--lignes N] [--chaine]
          Mesure le débit de lecture CSV sur un fichier généré (N lignes, défaut 1 000 000) ;
          avec --chaine, la durée et la mémoire de toute la chaîne (défaut 100 000 lignes) ;
          avec --doublons, précision et rappel du dédoublonnage et ses durées.
      unefois verifier [CONFIGURATION]
          Vérifie une configuration et ses fichiers de correspondance sans lire les données.
      unefois bilan --annee AAAA [options de run]
          Comme run, et écrit en plus le bilan annuel bilan-AAAA.html et bilan-AAAA.md.
      unefois aide [COMMANDE]
          Affiche cette aide, ou l'aide détaillée d'une commande.

    Fichiers écrits dans DOSSIER : lieux.csv, lieux-bureautique.csv (pour un tableur),
    structures.json, services.json, lieux.geojson, lieux.gpkg, unefois.sqlite, correspondances.csv,
    rejets.csv, rapport.md, rapport.html, rapport-interne.html (chiffres exacts, usage interne),
    journal.md, journal.html, indicateurs.csv, indicateurs.xlsx, annuaire.md, annuaire.html (et
    bilan-AAAA.* avec bilan), retours/SOURCE.csv et .html (à envoyer à chaque
    partenaire), datapackage.json (écrit en dernier : tailles et empreintes des autres) ; avec « producteur » dans la
    configuration, lieux.csv aussi sous le nom recommandé par le standard (AAAAMMJJ_SIREN_…).

    Codes de sortie : 0 succès (les lignes rejetées ne sont pas des échecs) ; 65 une source
    illisible (mise en quarantaine, ses lieux de la dernière lecture réussie sont republiés,
    marqués périmés) ; 66 fichier d'entrée absent (idem) ; 73/74 écriture impossible (les
    anciens fichiers restent tous en place) ; 75 une autre exécution tient le verrou ; 78
    configuration ou correspondance erronée ; 79 baisse massive de lieux, rien n'est publié ;
    80 état (unefois.sqlite) abîmé ou perdu, rien n'est publié ; 81 identifiant inconnu (explain).
    """

    /// The console of `run`, once its options are read (so a failure ends its journal too).
    nonisolated(unsafe) static var runConsole: RunConsole?

    static func fail(_ e: OperationalError) -> Never {
        if let runConsole {
            runConsole.finish(exitCode: e.exitCode, summary: "unefois : \(e.message)")
        } else {
            FileHandleStderr.write("unefois : \(e.message)\n")
        }
        exit(e.exitCode)
    }

    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        guard let command = args.first else {
            print(usage)
            exit(64)
        }
        args.removeFirst()
        do {
            switch command {
            case "run":
                try runCommand(args)
            case "bilan":
                try runCommand(args, bilan: true)
            case "validate", "valider":
                try ValidateCommand.run(args)
            case "inspect", "inspecter":
                try InspectCommand.run(args)
            case "bench":
                try BenchCommand.run(args)
            case "explain", "expliquer":
                try ExplainCommand.run(args)
            case "doublons":
                try DoublonsCommand.run(args)
            case "verifier", "vérifier", "verify":
                try VerifyCommand.run(args)
            case "aide", "help", "--help", "-h":
                guard let name = args.first else { print(usage); break }
                guard let text = Aide.text(for: name) else {
                    FileHandleStderr.write("unefois : pas d'aide pour « \(name) » ; commandes : \(Aide.names.joined(separator: ", ")).\n")
                    exit(64)
                }
                print(text)
            default:
                FileHandleStderr.write("unefois : commande « \(command) » inconnue.\n\n\(usage)\n")
                exit(64)
            }
        } catch let e as OperationalError {
            fail(e)
        } catch {
            fail(OperationalError(.ioError, code: "unexpected", "Erreur inattendue (\(type(of: error))).", remedy: "relancez ; si elle se répète, signalez-la avec la commande lancée et ce message."))
        }
    }

    static func runCommand(_ args: [String], bilan: Bool = false) throws {
        var config: String?
        var sources: [SourceSpec] = []
        var out = "sortie"
        let early = RunConsole.prescan(args)
        var journal = early.format
        var silencieux = early.silencieux
        if early.format == .json { runConsole = RunConsole(format: .json, silencieux: early.silencieux) }
        var essai = false
        var accepterBaisse = false
        var nouvelEtat = false
        var du: String?, au: String?, annee: String?
        var i = 0
        func value() throws -> String {
            guard i + 1 < args.count else { throw OperationalError(.configuration, "L'option \(args[i]) attend une valeur.") }
            i += 1
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--config": config = try value()
            case "--source": sources.append(try SourceSpec.parse(argument: try value()))
            case "--correspondance", "--mapping":
                let m = try value()
                guard !sources.isEmpty else {
                    throw OperationalError(.configuration, "--correspondance s'applique à la source qui la précède : écrivez --source FORMAT:CHEMIN --correspondance FICHIER.")
                }
                sources[sources.count - 1].correspondance = m
            case "--out": out = try value()
            case "--du": du = try value()
            case "--au": au = try value()
            case "--annee", "--année": annee = try value()
            case "--journal-format": journal = try RunConsole.format(try value())
            case "--silencieux", "--quiet": silencieux = true
            case "--essai": essai = true
            case "--accepter-baisse": accepterBaisse = true
            case "--nouvel-etat": nouvelEtat = true
            case "--help", "-h": print(Aide.text(for: "run")!); return
            default: throw OperationalError(.configuration, "Option « \(args[i]) » inconnue. Voir « unefois aide ».")
            }
            i += 1
        }
        let console = runConsole ?? RunConsole(format: journal, silencieux: silencieux)
        runConsole = console
        var configuration: Configuration
        if let config {
            configuration = try Configuration.load(path: config)
        } else if sources.isEmpty {
            guard let samples = SamplesLocator.configuration() else {
                throw OperationalError(.configuration, "Aucune source : indiquez --config FICHIER ou --source FORMAT:CHEMIN (exemples introuvables : lancez unefois depuis le dossier du projet).")
            }
            configuration = try Configuration.load(path: samples)
        } else {
            configuration = Configuration()
        }
        if !sources.isEmpty {
            var names = Set<String>()
            for s in sources where !names.insert(s.nom).inserted {
                throw OperationalError(.configuration, "--source : deux sources portent le nom « \(s.nom) » ; nommez-les avec NOM=FORMAT:CHEMIN.")
            }
            configuration.sources = sources
            configuration.base = "."
        }
        if accepterBaisse { configuration.accepterBaisse = "*" }
        if nouvelEtat { configuration.nouvelEtat = true }
        console.observer.observe(.runStarted(sources: configuration.sources, out: out, essai: essai))
        let target = essai ? try Essai.prepare(published: out) : out
        let periode = try PeriodeArguments.periode(du: du, au: au, annee: annee)
        let anneeBilan = bilan ? try PeriodeArguments.anneeBilan(periode) : nil
        let result = try RunJob.run(configuration: configuration, out: target, observer: console.observer, periode: periode, bilan: anneeBilan)
        let rejected = result.correspondances.filter { $0.statut == .rejete }.count
        let merged = result.correspondances.filter { $0.statut == .fusionne }.count
        for s in result.sources {
            if let e = s.echec { console.texte("unefois : source « \(s.spec.nom) » en quarantaine : \(e.message)") }
        }
        console.finish(exitCode: result.exitCode,
                       summary: "unefois : \(result.publies.count) lieux publiés (\(merged) enregistrements fusionnés, \(rejected) rejetés), \(result.activites.count) activités, \(result.suivis.count) suivis ; résultats dans \(target)/.",
                       counts: [("lieux_publies", result.publies.count), ("fusionnes", merged), ("rejetes", rejected),
                                ("activites", result.activites.count), ("suivis", result.suivis.count)])
        if essai { print(Essai.compare(published: out, trial: target).texte(published: out, trial: target), terminator: "") }
        exit(result.exitCode)
    }
}

enum FileHandleStderr {
    static func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = Glibc.write(2, buf.baseAddress, buf.count) }
    }
}

CLI.main()
