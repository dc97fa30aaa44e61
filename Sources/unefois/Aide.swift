import UneFoisCore
import UneFoisModel
import UneFoisIngest
/// `unefois aide COMMANDE`: the help of each command, in French (what it does, its options, its
/// exit codes). `unefois aide` alone prints the overview (``CLI/usage``).
enum Aide {
    static let codes = """
    Codes de sortie : 0 succès ; 64 commande inconnue ; 65 données inutilisables ; 66 fichier
    d'entrée absent ; 73/74 écriture impossible ; 75 verrou tenu par une autre exécution ;
    78 configuration, correspondance ou option erronée.
    """

    static let commands: [(names: [String], text: String)] = [
        (["run", "executer"], """
        unefois run [--config FICHIER] [--source [NOM=]FORMAT:CHEMIN [--correspondance FICHIER]]... [--out DOSSIER]
                    [--essai] [--journal-format texte|json] [--silencieux] [--accepter-baisse] [--nouvel-etat]

        La tâche de nuit : lit les sources, normalise, valide, dédoublonne, puis publie dans DOSSIER
        (défaut : sortie) les fichiers ouverts, la base SQLite, la carte et le rapport, chacun de
        façon atomique. Relancer sur les mêmes entrées donne des fichiers identiques.

          --config FICHIER        la configuration (sources, territoire) ; sans --config ni --source,
                                  les exemples fournis (samples/unefois.json)
          --source [NOM=]FORMAT:CHEMIN
                                  une source (répétable), remplace celles de la configuration ;
                                  formats : mednum, datainclusion, dora, france-services, coop,
                                  geojson, gml, gpkg, csv, json
          --correspondance FICHIER
                                  le fichier de correspondance de la --source qui précède
                                  (obligatoire pour csv et json)
          --out DOSSIER           le dossier publié
          --essai                 tout exécuter dans un dossier temporaire, puis afficher ce qui
                                  changerait dans DOSSIER (lieux ajoutés, retirés, modifiés ;
                                  fichiers) sans rien y écrire
          --journal-format json   un objet JSON par événement sur la sortie d'erreur, et rien
                                  d'autre (voir le README, « Journal JSON ») ; le résumé en
                                  français va alors sur la sortie standard ; défaut : texte,
                                  des lignes en français, le résumé en dernier
          --silencieux            pas de ligne de progression sur le terminal (elle n'apparaît
                                  jamais quand la sortie d'erreur n'est pas un terminal)
          --accepter-baisse       publier cette fois malgré une baisse de plus de 30 % des lieux
                                  d'une source ou de la publication (sinon code 79, rien publié) ;
                                  inscrit au journal. Seuil : "publication": {"baisse_max": 0.3}
          --nouvel-etat           repartir d'un état vide quand unefois.sqlite est abîmé ou perdu
                                  (sinon code 80, rien publié ; le fichier abîmé est mis de côté)
          --du AAAA-MM-JJ --au AAAA-MM-JJ, ou --annee AAAA
                                  la période du rapport d'indicateurs (défaut : les douze
                                  derniers mois complets des données)

        Codes de sortie : 0 succès (des lignes rejetées ne sont pas un échec) ; 65 une source
        illisible (en quarantaine ; ses lieux de la dernière lecture réussie sont republiés, marqués
        périmés) ; 66 fichier d'entrée absent (idem) ; 73/74 écriture impossible (tous les anciens
        fichiers restent en place) ; 75 une autre exécution tient le verrou ; 78 configuration
        erronée ; 79 baisse massive, rien publié ; 80 état abîmé ou perdu, rien publié.
        """),
        (["verifier", "verify"], """
        unefois verifier [CONFIGURATION]

        Vérifie une configuration et les fichiers de correspondance de ses sources sans lire les
        données : clés, formats, correspondances (chargées comme par run). Signale les fichiers
        d'entrée absents pour l'instant, sans échouer (ils peuvent arriver avant la nuit).
        Toutes les erreurs sont listées d'un coup (chaque section, chaque source), pas seulement
        la première. Une liste « sources » vide est une erreur : la nuit ne publierait rien.
        Sans argument : les exemples fournis (samples/unefois.json).

        Codes de sortie : 0 configuration valide ; 78 au moins une erreur, chacune avec le fichier
        et la clé en cause.
        """),
        (["nouvelle-source", "source", "partenaire"], """
        Brancher l'export d'un nouveau partenaire, sans programmer (exemple complet :
        samples/nouvelle-source/README.md) :

          1. Décrire le fichier et écrire un brouillon de correspondance :
               unefois inspect export.csv --ecrire correspondances/partenaire.json
             Lire, pour chaque colonne, « pourquoi » et la confiance ; vérifier d'abord les
             colonnes de confiance faible et les champs obligatoires signalés manquants.
          2. Relire le brouillon : champs et valeurs admises dans docs/CHAMPS.md, règles
             (colonnes jointes, « partie » d'une cellule « lat, lon », valeurs, formats, défauts)
             dans docs/CORRESPONDANCES.md.
          3. Vérifier avec un essai, sans toucher à la publication :
               unefois run --source partenaire=csv:export.csv --correspondance correspondances/partenaire.json --out essai
             puis lire essai/rapport.html et essai/retours/partenaire.html (ce qu'il faut dire
             au partenaire).
          4. Ajouter la source à la configuration de la nuit :
               {"nom": "partenaire", "libelle": "Nom affiché dans la colonne source",
                "format": "csv", "chemin": "exports/export.csv", "correspondance": "correspondances/partenaire.json"}
             puis « unefois verifier CONFIGURATION ».
          5. Chaque nuit, envoyer retours/partenaire.html (ou .csv) au partenaire : il corrige son
             export une fois, à la source.
        """),
        (["validate", "valider"], """
        unefois validate FICHIER [--schema mednum|datainclusion] [--json] [--max N]

        Valide un fichier seul : au standard des lieux de médiation numérique (CSV, v1.0.2 ou v0.1.x
        reconnue à l'en-tête) ou au schéma data·inclusion v1 (JSON), avec les codes d'erreur de
        frictionless, et affiche un rapport en français.

          --schema mednum|datainclusion   le schéma (défaut : datainclusion pour .json, sinon mednum)
          --json                          le rapport en JSON
          --max N                         au plus N problèmes détaillés (défaut 200)

        Codes de sortie : 0 valide ; 65 invalide ; 66 fichier absent ; 78 option erronée.
        """),
        (["inspect", "inspecter"], """
        unefois inspect FICHIER [--ecrire CORRESPONDANCE.json [--remplacer]]

        Décrit un fichier inconnu (format, encodage, séparateur, en-tête, colonnes avec exemples et
        taux de remplissage) et propose un brouillon de fichier de correspondance. Il lit les noms
        de colonnes (abréviations comprises : CP, Tél., Mél, MAJ, NAME, ZIPCODE, X/Y…) et leur
        contenu (courriels, téléphones, codes postaux et INSEE, SIRET, sites web, dates,
        coordonnées WGS84 ou Lambert-93, « lat, lon » dans une cellule, horaires, oui/non,
        services et publics en texte libre), dit pour chaque colonne pourquoi et avec quelle
        confiance, et quels champs obligatoires manquent encore. Voir « unefois aide nouvelle-source ».

          --ecrire FICHIER   écrit aussi le brouillon dans FICHIER ; refusé (code 73) si FICHIER
                             existe déjà, pour ne pas effacer une correspondance corrigée
          --remplacer        avec --ecrire : écrase FICHIER s'il existe

        Codes de sortie : 0 ; 65 fichier illisible ; 66 fichier absent ; 73/74 écriture impossible ;
        78 option erronée.
        """),
        (["doublons"], """
        unefois doublons [--out DOSSIER]

        Écrit DOSSIER/doublons-a-revoir.csv, d'après la dernière exécution : les paires
        d'enregistrements que le rapprochement n'a pas réunies bien qu'elles se ressemblent
        (incertaines) ou qu'il a refusé de réunir (un autre membre du groupe diffère nettement),
        les pires d'abord, avec le score et le poids de chaque critère (nom, adresse, distance,
        téléphone, courriel, SIRET, typologie, commune). Pour trancher, copiez cle_a et cle_b dans
        le fichier des décisions (clé doublons.decisions de la configuration, colonnes
        cle_a;cle_b;decision) avec « identiques » ou « differents ».

          --out DOSSIER   le dossier publié (défaut : sortie)

        Codes de sortie : 0 ; 65 unefois.sqlite illisible ; 66 dossier sans unefois.sqlite.
        """),
        (["explain", "expliquer"], """
        unefois explain IDENTIFIANT [--out DOSSIER]

        Explique un lieu publié (ou un enregistrement source--id) : les enregistrements réunis et
        pourquoi, la provenance (source, fichier, ligne, colonne) de chaque valeur et son historique.

          --out DOSSIER   le dossier publié (défaut : sortie)

        Codes de sortie : 0 ; 65 unefois.sqlite illisible ; 66 dossier sans unefois.sqlite ; 78 option
        erronée ; 81 identifiant inconnu.
        """),
        (["bench"], """
        unefois bench [--lignes N] [--chaine] [--fichier CSV] [--sortie DOSSIER] [--generer]

        Mesure le débit de lecture CSV sur un fichier généré (N lignes, défaut 1 000 000) ; avec
        --chaine, la durée et la mémoire de toute la chaîne et de chacune de ses étapes (défaut
        100 000 lignes). --fichier choisit le fichier (généré s'il manque), --sortie le dossier
        des sorties ; --generer écrit seulement le fichier. La comparaison avec DuckDB :
        scripts/bench-duckdb.sh.

        unefois bench --doublons [--lignes N] : banc d'essai du dédoublonnage sur des données
        générées à vérité connue (quatre sources, pièges des exports réels) : précision, rappel et
        F1 par paires, par type de piège, et durée de chaque phase, à 10 000, 100 000 et
        1 000 000 d'enregistrements (ou N seulement).
        """),
        (["bilan"], """
        unefois bilan --annee AAAA [mêmes options que run]

        Exécute la tâche de nuit (mêmes fichiers que run, rapport d'indicateurs sur l'année AAAA)
        et écrit en plus le bilan annuel bilan-AAAA.html et bilan-AAAA.md : pour chaque action de la
        feuille de route, son objectif, ce qui a été fait dans l'année et, à côté, l'année
        précédente quand les données remontent jusque-là.

        Codes de sortie : ceux de run ; 78 si --annee manque ou n'est pas une année.
        """),
        (["aide", "help"], """
        unefois aide [COMMANDE]

        Sans argument, la présentation de toutes les commandes ; avec COMMANDE (run, verifier,
        validate, inspect, explain, doublons, bench), son aide détaillée.
        """),
    ]

    /// The help of `command` (French or English name), nil for an unknown command.
    static func text(for command: String) -> String? {
        commands.first { $0.names.contains(command) }?.text
    }

    /// Names of the documented commands (first name of each).
    static var names: [String] { commands.map { $0.names[0] } }
}
