/// Decodes the two kinds of form a browser posts, from the body's bytes: pure
/// functions of outside bytes, so they are fuzzed (Fuzz/) and never trap.
///
/// ```swift
/// FormDecoding.urlEncoded(Array("csrf=abc&soeg=010203+4005".utf8))   // ["csrf": "abc", "soeg": "010203 4005"]
/// ```
public enum FormDecoding {
    /// One uploaded file: the name the browser gave it and its bytes.
    public struct File: Sendable, Equatable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) { self.name = name; self.bytes = bytes }
    }

    /// `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte; a malformed
    /// escape is kept as written. A name given twice keeps its last value.
    public static func urlEncoded(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            fields[percentDecoded(parts[0])] = parts.count > 1 ? percentDecoded(parts[1]) : ""
        }
        return fields
    }

    /// `multipart/form-data` with the boundary from `contentType`: text fields and files;
    /// `nil` when the type is not multipart or the body is malformed.
    public static func multipart(_ body: [UInt8], contentType: String) -> (fields: [String: String], files: [String: File])? {
        guard contentType.lowercased().hasPrefix("multipart/form-data"), let range = contentType.firstRange(of: "boundary=") else {
            return nil
        }
        var name = Substring(contentType[range.upperBound...])
        if let end = name.firstIndex(of: ";") { name = name[..<end] }
        let trimmed = name.filter { $0 != "\"" && $0 != " " }
        guard !trimmed.isEmpty else { return nil }
        let boundary = Array("--\(trimmed)".utf8)
        var fields: [String: String] = [:], files: [String: File] = [:]
        var start = 0
        // Each part: boundary, CRLF, headers, CRLF CRLF, content, CRLF, next boundary; the last boundary ends in "--".
        while let at = firstIndex(of: boundary, in: body, from: start) {
            let partStart = at + boundary.count
            if body[partStart...].starts(with: Array("--".utf8)) { return (fields, files) }
            guard let headersEnd = firstIndex(of: Array("\r\n\r\n".utf8), in: body, from: partStart),
                let next = firstIndex(of: Array("\r\n".utf8) + boundary, in: body, from: headersEnd + 4)
            else { return nil }
            let headers = String(decoding: body[partStart..<headersEnd], as: UTF8.self)
            let content = Array(body[(headersEnd + 4)..<next])
            guard let field = parameter("name", in: headers) else { return nil }
            if let fileName = parameter("filename", in: headers) {
                files[field] = File(name: fileName, bytes: content)
            } else {
                fields[field] = String(decoding: content, as: UTF8.self)
            }
            start = next + 2
        }
        return nil
    }

    /// Where `needle` first occurs in `haystack` at or after `from`.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// `name="value"` in a part's Content-Disposition header.
    static func parameter(_ key: String, in headers: String) -> String? {
        guard let range = headers.firstRange(of: " \(key)=\"") ?? headers.firstRange(of: ";\(key)=\"") else { return nil }
        let rest = headers[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func percentDecoded(_ text: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: b - 48
            case 65...70: b - 55
            case 97...102: b - 87
            default: nil
            }
        }
        while i < text.endIndex {
            let b = text[i]
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " ")); i += 1
            } else if b == UInt8(ascii: "%"), i + 2 < text.endIndex, let h = hex(text[i + 1]), let l = hex(text[i + 2]) {
                out.append(h << 4 | l); i += 3
            } else {
                out.append(b); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
