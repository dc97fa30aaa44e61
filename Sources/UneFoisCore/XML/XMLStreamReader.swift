import CLibXML2
import Foundation

/// A forward-only pull reader over an XML document held in memory, hardened for untrusted files.
///
/// This is the only Swift code in the package that calls libxml2 (`xml*`). It wraps one
/// `xmlTextReaderPtr` (libxml2's streaming "XmlReader" API, <https://gnome.pages.gitlab.gnome.org/libxml2/devhelp/libxml2-xmlreader.html>)
/// over a private copy of the bytes (libxml2 does not copy the buffer it is given), freed in
/// `deinit`. One instance is used by one caller at a time; it is not `Sendable`.
///
/// Hardening (see `PITFALLS.md`, "Reading untrusted files"):
/// - options are `XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES`,
///   never `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD`, `XML_PARSE_DTDVALID` or `XML_PARSE_HUGE`;
/// - a document with a `<!DOCTYPE`/`<!ENTITY` in its prolog is refused *before* libxml2 sees it
///   (so XXE and "billion laughs" files are never parsed), and again if libxml2 ever reports a
///   document-type or entity node; any entity error from libxml2 is a refusal too;
/// - only common encodings are accepted in the XML declaration (UTF-7 and the like could hide a
///   DOCTYPE from the prolog check);
/// - libxml2's external entity loader is replaced, process-wide, by one that loads nothing;
/// - a structured error handler collects libxml2's errors (nothing is printed on stderr);
/// - element depth and text size per element are capped (``Limits``).
///
/// Refusals and parse errors are thrown as ``Failure`` with a stable ``Failure/code``:
/// `xml-security-limit` or `xml-not-well-formed`.
///
/// ```swift
/// let reader = try XMLStreamReader(bytes: bytes)
/// while let kind = try reader.next() {
///     if kind == .startElement, reader.localNameIs("Point") { ... reader.attribute("srsName") ... }
/// }
/// ```
package final class XMLStreamReader {
    /// The kind of node ``next()`` stopped on. Comments, processing instructions and
    /// white-space-only text are skipped.
    package enum Kind: Sendable, Equatable {
        /// An element's start tag; an empty element (`<a/>`) gives a start then an end.
        case startElement
        /// An element's end tag (synthesised for empty elements).
        case endElement
        /// Character data (entity and character references already resolved by libxml2 for the
        /// five predefined entities and `&#...;`).
        case text
        /// A `<![CDATA[...]]>` section.
        case cdata
    }

    /// Caps applied while reading. The defaults suit WFS responses and office XML.
    package struct Limits: Sendable {
        /// Deepest element allowed (the root has depth 0). Kept below libxml2's own 256 so the
        /// refusal says why.
        var maxDepth: Int = 128
        /// Largest text content (bytes, all text and CDATA nodes summed) of one element.
        var maxTextBytesPerElement: Int = 1 << 20
        /// Largest document (bytes); libxml2 takes an `int` size anyway.
        var maxDocumentBytes: Int = Int(Int32.max) - 1
        /// Refuse DOCTYPEs and odd encodings by scanning the prolog before libxml2 sees the
        /// bytes. Turn off only in tests of the defences behind it.
        var screensProlog = true

        /// The default limits.
        init() {}
    }

    /// Why reading stopped: a refusal for safety (`xml-security-limit`) or a document that is
    /// not well-formed XML (`xml-not-well-formed`).
    package struct Failure: Error, Sendable, Equatable {
        /// Stable slug of the failure.
        package enum Reason: String, Sendable {
            case securityLimit = "xml-security-limit"
            case notWellFormed = "xml-not-well-formed"
        }

        /// What was found, precisely (the French wording is the ingest stage's).
        package enum Problem: Sendable, Equatable {
            case documentTooLarge(bytes: Int, limit: Int)
            case notWellFormed(libxml2: String?)
            case tooDeep(limit: Int)
            case textTooLarge(limit: Int)
            case doctype
            case entityReference
            case entityRefused(libxml2: String)
            case libxml2Limit(String)
            /// An encoding outside UTF-8, UTF-16, ISO-8859 and Windows-125x (its name).
            case encodingRefused(String)
            case doctypeInProlog
            case declarationBeforeRoot
            /// libxml2 could not open the document at all.
            case unopenable
        }

        package var reason: Reason
        package var problem: Problem
        /// Line of the problem (1-based), 0 when unknown.
        package var line: Int

        /// The stable code, e.g. `xml-security-limit`.
        package var code: String { reason.rawValue }
    }

    /// One message collected from libxml2's structured error handler.
    struct Diagnostic: Sendable, Equatable {
        /// libxml2's error code (`xmlParserErrors`).
        var code: Int
        /// 1 warning, 2 error, 3 fatal (libxml2's `xmlErrorLevel`).
        var level: Int
        /// libxml2's message (English), trimmed.
        var message: String
        /// Line reported by libxml2, 0 when unknown.
        var line: Int
    }

    /// Collects libxml2 diagnostics; owned by the reader, handed to libxml2 unretained.
    private final class Sink {
        var diagnostics: [Diagnostic] = []
        /// Past this many, further messages are counted but not kept (a broken file can emit many).
        let keep = 50
        var dropped = 0
    }

    private let buffer: UnsafeMutableRawBufferPointer
    private var reader: xmlTextReaderPtr?
    private let sink = Sink()
    private let limits: Limits
    private var kind: Kind?
    private var synthesiseEnd = false
    private var textBytes = 0
    private var finished = false

    /// Diagnostics libxml2 reported so far (warnings included), oldest first.
    var diagnostics: [Diagnostic] { sink.diagnostics }

    /// Prepares a reader over a copy of `bytes`.
    ///
    /// Throws ``Failure`` (`xml-security-limit`) when the prolog declares a DOCTYPE or an unusual
    /// encoding, or when the document is too large for libxml2. Nothing is parsed yet.
    package init(bytes: UnsafeRawBufferPointer, limits: Limits = Limits()) throws(Failure) {
        self.limits = limits
        _ = XMLStreamReader.processSetup
        if bytes.count > limits.maxDocumentBytes {
            throw Failure(reason: .securityLimit, problem: .documentTooLarge(bytes: bytes.count, limit: limits.maxDocumentBytes), line: 0)
        }
        if limits.screensProlog, let refusal = XMLStreamReader.prologRefusal(bytes) {
            throw Failure(reason: .securityLimit, problem: refusal.problem, line: refusal.line)
        }
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        if let base = bytes.baseAddress, bytes.count > 0 {
            buffer.baseAddress!.copyMemory(from: base, byteCount: bytes.count)
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
        reader = xmlReaderForMemory(base, Int32(bytes.count), nil, nil, options)
        guard let reader else {
            // Fully initialised: deinit runs and frees the buffer.
            throw Failure(reason: .notWellFormed, problem: .unopenable, line: 0)
        }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            guard sink.diagnostics.count < sink.keep else { sink.dropped += 1; return }
            var message = error.pointee.message.map { String(cString: $0) } ?? ""
            while let last = message.last, last.isWhitespace { message.removeLast() }
            sink.diagnostics.append(Diagnostic(code: Int(error.pointee.code), level: Int(error.pointee.level.rawValue),
                                               message: message, line: Int(error.pointee.line)))
        }, context)
    }

    deinit {
        if let reader { xmlFreeTextReader(reader) }
        buffer.deallocate()
    }

    /// Advances to the next start tag, end tag, text or CDATA node; nil at the end of the document.
    ///
    /// Throws ``Failure`` when the document is not well-formed, declares a DOCTYPE or entities,
    /// or exceeds ``Limits``. After a throw or nil, further calls return nil.
    package func next() throws(Failure) -> Kind? {
        guard let reader, !finished else { return nil }
        if synthesiseEnd {
            synthesiseEnd = false
            textBytes = 0
            kind = .endElement
            return .endElement
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                finished = true
                if let failure = firstError() { throw failure }
                return nil
            }
            if status < 0 {
                finished = true
                throw firstError() ?? Failure(reason: .notWellFormed, problem: .notWellFormed(libxml2: nil), line: parserLine)
            }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let depth = Int(xmlTextReaderDepth(reader))
                if depth > limits.maxDepth {
                    finished = true
                    throw Failure(reason: .securityLimit, problem: .tooDeep(limit: limits.maxDepth), line: line)
                }
                textBytes = 0
                synthesiseEnd = xmlTextReaderIsEmptyElement(reader) == 1
                kind = .startElement
                return .startElement
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                textBytes = 0
                kind = .endElement
                return .endElement
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                if let value = xmlTextReaderConstValue(reader) {
                    textBytes += strlen(value)
                }
                if textBytes > limits.maxTextBytesPerElement {
                    finished = true
                    throw Failure(reason: .securityLimit, problem: .textTooLarge(limit: limits.maxTextBytesPerElement), line: line)
                }
                let k: Kind = type == Int32(XML_READER_TYPE_TEXT.rawValue) ? .text : .cdata
                kind = k
                return k
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int32(XML_READER_TYPE_NOTATION.rawValue):
                finished = true
                throw Failure(reason: .securityLimit, problem: .doctype, line: line)
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue), Int32(XML_READER_TYPE_ENTITY.rawValue),
                 Int32(XML_READER_TYPE_END_ENTITY.rawValue):
                finished = true
                throw Failure(reason: .securityLimit, problem: .entityReference, line: line)
            default:
                continue // comments, PIs, white space, XML declaration
            }
        }
    }

    /// The current node's kind (the last value ``next()`` returned).
    var currentKind: Kind? { kind }

    /// Local name of the current element (`nom` for `qgs:nom`); empty for text.
    package var localName: String {
        guard let reader, kind == .startElement || kind == .endElement,
              let p = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: p)
    }

    /// Namespace URI of the current element, nil when it has none.
    var namespaceURI: String? {
        guard let reader, let p = xmlTextReaderConstNamespaceUri(reader) else { return nil }
        return String(cString: p)
    }

    /// True when the current element's local name is `name` (no `String` is built).
    package func localNameIs(_ name: String) -> Bool {
        guard let reader, let p = xmlTextReaderConstLocalName(reader) else { return false }
        return name.withCString { strcmp(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self), $0) == 0 }
    }

    /// True when the current element's namespace URI starts with `prefix` (no `String` is built);
    /// e.g. `"http://www.opengis.net/gml"` matches GML 2, 3.1 and 3.2.
    package func namespaceHasPrefix(_ prefix: String) -> Bool {
        guard let reader, let p = xmlTextReaderConstNamespaceUri(reader) else { return false }
        return prefix.withCString { strncmp(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self), $0, strlen($0)) == 0 }
    }

    /// Text of the current text or CDATA node.
    package var text: String {
        guard let reader, kind == .text || kind == .cdata, let p = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: p)
    }

    /// Depth of the current node (the root element is 0, its text children 1).
    package var depth: Int {
        guard let reader else { return 0 }
        return Int(xmlTextReaderDepth(reader))
    }

    /// Line (1-based) of the current node in the document: the line of the start tag for
    /// elements (also on their end tag), from the node libxml2 built (`xmlGetLineNo`). Exact up
    /// to line 65 534; beyond, libxml2 estimates it from a neighbouring text node (may be one
    /// line late). Falls back to ``parserLine``.
    package var line: Int {
        guard let reader else { return 0 }
        if let node = xmlTextReaderCurrentNode(reader) {
            let n = Int(xmlGetLineNo(node))
            if n > 0 { return n }
        }
        return parserLine
    }

    /// Line the parser has reached (`xmlTextReaderGetParserLineNumber`): it may be ahead of the
    /// current node because libxml2 parses in chunks.
    var parserLine: Int {
        guard let reader else { return 0 }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// Value of the current element's attribute with local name `localName` (and namespace URI
    /// starting with `namespacePrefix` when given; `nil` matches any namespace, `""` only
    /// attributes without namespace). Namespace declarations (`xmlns:*`) are never returned.
    package func attribute(_ localName: String, namespacePrefix: String? = nil) -> String? {
        withAttributeBytes(localName, namespacePrefix: namespacePrefix) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes (UTF-8, no terminator) of the current element's attribute
    /// with local name `localName` (namespace as in ``attribute(_:namespacePrefix:)``, namespace
    /// declarations excluded), without building a `String`; nil when the attribute is absent.
    /// The bytes are valid only inside `body`. For hot loops (one call per spreadsheet cell).
    package func withAttributeBytes<R>(_ localName: String, namespacePrefix: String? = nil, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        guard let reader, kind == .startElement, xmlTextReaderHasAttributes(reader) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        var more = xmlTextReaderMoveToFirstAttribute(reader)
        while more == 1 {
            defer { more = xmlTextReaderMoveToNextAttribute(reader) }
            guard xmlTextReaderIsNamespaceDecl(reader) != 1, localNameIs(localName) else { continue }
            if let namespacePrefix {
                if namespacePrefix.isEmpty {
                    if xmlTextReaderConstNamespaceUri(reader) != nil { continue }
                } else if !namespaceHasPrefix(namespacePrefix) {
                    continue
                }
            }
            guard let v = xmlTextReaderConstValue(reader) else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
            return body(UnsafeRawBufferPointer(start: UnsafeRawPointer(v), count: strlen(v)))
        }
        return nil
    }

    /// Calls `body` with the bytes (UTF-8) of the current text or CDATA node without building a
    /// `String`; the bytes are valid only inside `body`.
    package func withTextBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard let reader, kind == .text || kind == .cdata, let p = xmlTextReaderConstValue(reader) else {
            return body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return body(UnsafeRawBufferPointer(start: UnsafeRawPointer(p), count: strlen(p)))
    }

    // MARK: - Errors

    /// The first error (level ≥ 2) collected, as a ``Failure``; entity problems are refusals.
    private func firstError() -> Failure? {
        guard let d = sink.diagnostics.first(where: { $0.level >= 2 }) else { return nil }
        let line = d.line > 0 ? d.line : parserLine
        if XMLStreamReader.entityErrorCodes.contains(d.code) {
            return Failure(reason: .securityLimit, problem: .entityRefused(libxml2: d.message), line: line)
        }
        if d.code == Int(XML_ERR_INTERNAL_ERROR.rawValue) || d.code == Int(XML_ERR_NO_MEMORY.rawValue) {
            return Failure(reason: .securityLimit, problem: .libxml2Limit(d.message), line: line)
        }
        return Failure(reason: .notWellFormed, problem: .notWellFormed(libxml2: d.message), line: line)
    }

    /// libxml2 error codes that mean the document uses entities (refused, not just malformed).
    private static let entityErrorCodes: Set<Int> = [
        XML_ERR_ENTITYREF_IN_PROLOG, XML_ERR_ENTITYREF_IN_EPILOG, XML_ERR_ENTITYREF_IN_DTD,
        XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY, XML_ERR_ENTITY_IS_EXTERNAL,
        XML_ERR_ENTITY_IS_PARAMETER, XML_ERR_ENTITY_NOT_STARTED, XML_ERR_ENTITY_NOT_FINISHED,
        XML_ERR_ENTITY_CHAR_ERROR, XML_ERR_ENTITY_PE_INTERNAL, XML_ERR_ENTITY_LOOP,
        XML_ERR_ENTITY_BOUNDARY, XML_ERR_ENTITY_PROCESSING, XML_IO_LOAD_ERROR,
    ].reduce(into: Set<Int>()) { $0.insert(Int($1.rawValue)) }

    // MARK: - Process-wide setup

    /// Initialises libxml2 once and replaces its external entity loader with one that loads
    /// nothing (defence in depth: no option we pass asks for external entities anyway).
    private static let processSetup: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    // MARK: - Prolog check (before libxml2)

    /// Encodings accepted in the XML declaration (lowercased prefixes).
    private static let acceptedEncodingPrefixes = [
        "utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-", "iso8859-", "latin1",
        "iso-latin-1", "windows-125", "cp125",
    ]

    /// Scans the prolog (BOM, XML declaration, comments, processing instructions, white space)
    /// up to the root start tag; returns why the document is refused, or nil.
    ///
    /// Works on UTF-8/ASCII-compatible bytes and UTF-16 (with or without BOM).
    static func prologRefusal(_ bytes: UnsafeRawBufferPointer) -> (problem: Failure.Problem, line: Int)? {
        let n = bytes.count
        // Code unit reader: stride 1 (8-bit) or 2 (UTF-16, low byte at `lo`).
        var stride = 1, lo = 0, start = 0
        if n >= 4, (bytes[0] == 0 && bytes[1] == 0) || (bytes[2] == 0 && bytes[3] == 0 && (bytes[0] == 0x3C || bytes[0] == 0xFF)) {
            return (.encodingRefused("UTF-32 (UCS-4)"), 1)
        }
        if n >= 4, bytes[0] == 0x4C, bytes[1] == 0x6F, bytes[2] == 0xA7, bytes[3] == 0x94 {
            return (.encodingRefused("EBCDIC"), 1)
        }
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        else if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { stride = 2; lo = 0; start = 2 }
        else if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { stride = 2; lo = 1; start = 2 }
        else if n >= 2, bytes[0] == 0x3C, bytes[1] == 0x00 { stride = 2; lo = 0 }
        else if n >= 2, bytes[0] == 0x00, bytes[1] == 0x3C { stride = 2; lo = 1 }
        let units = (n - start) / stride
        /// ASCII code unit at index i, or 0xFF for anything else.
        func unit(_ i: Int) -> UInt8 {
            let p = start + i * stride
            if stride == 1 { return bytes[p] }
            let hi = bytes[p + 1 - lo]
            return hi == 0 ? bytes[p + lo] : 0xFF
        }
        func matches(_ i: Int, _ s: StaticString) -> Bool {
            guard i + s.utf8CodeUnitCount <= units else { return false }
            let p = s.utf8Start
            for k in 0..<s.utf8CodeUnitCount where unit(i + k) != p[k] { return false }
            return true
        }
        var i = 0, line = 1
        /// Advances past `end`; false when the document ends first.
        func skip(past end: StaticString) -> Bool {
            while i < units {
                if matches(i, end) { i += end.utf8CodeUnitCount; return true }
                if unit(i) == 0x0A { line += 1 }
                i += 1
            }
            return false
        }
        while i < units {
            let c = unit(i)
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                if c == 0x0A { line += 1 }
                i += 1
            } else if matches(i, "<?xml") && i == 0 {
                let declStart = i
                guard skip(past: "?>") else { return nil }
                if let encoding = declaredEncoding(from: declStart, to: i, unit: unit) {
                    let lower = encoding.lowercased()
                    if !acceptedEncodingPrefixes.contains(where: { lower.hasPrefix($0) }) {
                        return (.encodingRefused(encoding), line)
                    }
                }
            } else if matches(i, "<!--") {
                guard skip(past: "-->") else { return nil }
            } else if matches(i, "<?") {
                guard skip(past: "?>") else { return nil }
            } else if matches(i, "<!") {
                return matches(i, "<!DOCTYPE")
                    ? (.doctypeInProlog, line)
                    : (.declarationBeforeRoot, line)
            } else {
                return nil // root element (or garbage libxml2 will report)
            }
        }
        return nil
    }

    /// The `encoding="..."` pseudo-attribute of the XML declaration between two unit indexes.
    private static func declaredEncoding(from a: Int, to b: Int, unit: (Int) -> UInt8) -> String? {
        let key: [UInt8] = Array("encoding".utf8)
        var k = a
        while k + key.count <= b {
            var hit = true
            for j in 0..<key.count where unit(k + j) != key[j] { hit = false; break }
            if hit { break }
            k += 1
        }
        guard k + key.count <= b else { return nil }
        k += key.count
        while k < b, [0x20, 0x09, 0x0D, 0x0A, 0x3D].contains(unit(k)) { k += 1 }
        guard k < b, unit(k) == 0x22 || unit(k) == 0x27 else { return nil }
        let quote = unit(k)
        k += 1
        var name: [UInt8] = []
        while k < b, unit(k) != quote, name.count < 64 { name.append(unit(k)); k += 1 }
        return String(decoding: name, as: UTF8.self)
    }
}
