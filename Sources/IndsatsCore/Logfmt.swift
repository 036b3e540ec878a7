/// One structured log line in logfmt: `key=value` pairs in the order given; a value with a
/// space, a quote or `=` is quoted. The server's request lines and the import's summary
/// line use it, so a log collector reads both alike.
///
/// ```swift
/// Logfmt.line(["rute": "/borgere/:ref", "status": "200", "note": "to ord"])   // rute=/borgere/:ref status=200 note="to ord"
/// ```
public enum Logfmt {
    public static func line(_ fields: KeyValuePairs<String, String>) -> String {
        fields.map { key, value in
            value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
                ? "\(key)=\"\(value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
                : "\(key)=\(value)"
        }.joined(separator: " ")
    }
}
