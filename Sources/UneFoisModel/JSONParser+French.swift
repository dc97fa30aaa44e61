import UneFoisCore

extension JSONParser.Failure {
    /// What is wrong, in French, for the people who read the messages (the core only has codes).
    public var message: String {
        switch reason {
        case .trailingContent: return "contenu inattendu après la fin du document JSON"
        case .unexpectedEnd: return "fin de fichier inattendue"
        case .unexpectedCharacter: return "caractère inattendu « \(found ?? "?") »"
        case .unknownWord: return "mot inconnu (attendu \(found ?? "?"))"
        case .invalidNumber: return "nombre invalide"
        case .leadingZero: return "nombre avec un zéro initial (interdit en JSON) : écrivez-le entre guillemets s'il s'agit d'un code (code postal, INSEE)"
        case .controlCharacter: return "caractère de contrôle non échappé dans une chaîne"
        case .invalidEscape: return "séquence d'échappement invalide"
        case .unterminatedString: return "chaîne non terminée"
        case .incompleteUnicodeEscape: return "échappement \\u incomplet"
        case .invalidUnicodeEscape: return "échappement \\u invalide"
        case .tooDeep: return "imbrication trop profonde (plus de \(JSONParser.maxDepth) niveaux)"
        case .unterminatedArray: return "tableau non terminé"
        case .arraySeparatorExpected: return "« , » ou « ] » attendu dans un tableau"
        case .memberNameExpected: return "nom de membre attendu (entre guillemets)"
        case .colonExpected: return "« : » attendu après un nom de membre"
        case .unterminatedObject: return "objet non terminé"
        case .objectSeparatorExpected: return "« , » ou « } » attendu dans un objet"
        }
    }
}
