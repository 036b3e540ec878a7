/// Small JSON writing shared by the output formats, the store and the economy.
///
/// ```swift
/// JSONText.string("Åse")                // "\"Åse\"" (quotes and control characters escaped)
/// JSONText.object(["b": "2", "a": "1"])   // {"a":"1","b":"2"}
/// ```
public enum JSONText {
    /// A JSON string literal.
    public static func string(_ s: String) -> String {
        // Most texts (codes, labels, dates) need no escaping: copy them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A flat object of strings with sorted keys, so equal dictionaries give equal text.
    public static func object(_ values: [String: String]) -> String {
        "{" + values.sorted { $0.key < $1.key }.map { string($0.key) + ":" + string($0.value) }.joined(separator: ",") + "}"
    }
}
