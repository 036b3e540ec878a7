/// Text made safe inside HTML and XML, for pages and for the parts of an `.xlsx` file.
///
/// ```swift
/// Markup.escape("Æbler & <pærer> \"i\" 'dag'")   // Æbler &amp; &lt;pærer&gt; &quot;i&quot; &#39;dag&#39;
/// ```
public enum Markup {
    /// Markup characters escaped; characters XML 1.0 forbids (control characters other
    /// than tab and line breaks, U+FFFE, U+FFFF) left out, as no reader accepts them.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
