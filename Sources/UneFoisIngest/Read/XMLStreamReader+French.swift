import UneFoisCore
import UneFoisModel

extension XMLStreamReader.Failure {
    /// What was found, in French (libxml2's English text quoted when useful), for the messages of
    /// the GML and workbook readers. The core reader only has codes and facts.
    package var detail: String {
        switch problem {
        case .documentTooLarge(let bytes, let limit): return "document de \(bytes) octets, au-delà de la limite de \(limit) octets"
        case .notWellFormed(let libxml2): return libxml2.map { "XML mal formé (libxml2 : « \($0) »)" } ?? "XML mal formé"
        case .tooDeep(let limit): return "éléments imbriqués sur plus de \(limit) niveaux"
        case .textTooLarge(let limit): return "texte d'un élément de plus de \(limit) octets"
        case .doctype: return "déclaration de type de document (DOCTYPE) refusée"
        case .entityReference: return "référence d'entité refusée"
        case .entityRefused(let libxml2): return "entité refusée (libxml2 : « \(libxml2) »)"
        case .libxml2Limit(let libxml2): return "limite de libxml2 atteinte (« \(libxml2) »)"
        case .encodingRefused(let name) where name == "UTF-32 (UCS-4)" || name == "EBCDIC": return "encodage \(name) refusé"
        case .encodingRefused(let name): return "encodage « \(name) » refusé (seuls UTF-8, UTF-16, ISO-8859 et Windows-125x sont acceptés)"
        case .doctypeInProlog: return "déclaration de type de document (DOCTYPE) refusée : elle peut déclarer des entités (XXE, « billion laughs »)"
        case .declarationBeforeRoot: return "déclaration « <! » refusée avant l'élément racine"
        case .unopenable: return "libxml2 n'a pas pu ouvrir le document"
        }
    }
}
