/// A CPR number (civil registration number), checked for format, date and
/// century digit as docs/dataformat.md says, and never rejected on modulus 11:
/// numbers issued since 2007 may fail that check and are valid.
///
/// ```swift
/// let cpr = try CPRNumber.parse("010203-4005")   // synthetic example
/// cpr.birthDate   // 2003-02-01 (7th digit 4, YY ≤ 36: 2000s)
/// ```
public struct CPRNumber: Hashable, Sendable {
    /// Ten digits, without the hyphen.
    public let digits: String
    public let birthDate: Day

    /// `true` when the last digit is odd.
    public var isMale: Bool { (digits.utf8.last! - 48) % 2 == 1 }

    public enum Problem: Error, Equatable, Sendable {
        case format, date

        /// The reason in Danish, for an import error.
        public var danish: String {
            switch self {
            case .format: return "CPR-nummer skal have 10 cifre (DDMMÅÅ-LLLL)"
            case .date: return "CPR-nummeret indeholder ikke en gyldig fødselsdato"
            }
        }
    }

    /// Accepts `DDMMYYSSSS` and `DDMMYY-SSSS`.
    public static func parse(_ text: some StringProtocol) throws(Problem) -> CPRNumber {
        var digits: [Int] = []
        for (i, b) in text.utf8.enumerated() {
            if b == UInt8(ascii: "-") && i == 6 { continue }
            guard b >= 48 && b <= 57 else { throw .format }
            digits.append(Int(b - 48))
        }
        guard digits.count == 10 else { throw .format }
        let dd = digits[0] * 10 + digits[1], mm = digits[2] * 10 + digits[3], yy = digits[4] * 10 + digits[5]
        let century: Int
        switch digits[6] {
        case 0...3: century = 1900
        case 4, 9: century = yy <= 36 ? 2000 : 1900
        default: century = yy <= 57 ? 2000 : 1800
        }
        guard let birth = Day(year: century + yy, month: mm, day: dd) else { throw .date }
        return CPRNumber(digits: digits.map(String.init).joined(), birthDate: birth)
    }
}

/// CVR numbers (companies) and P-numbers (workplaces).
public enum CVRNumber {
    /// `true` for 8 digits, the first not 0, whose weighted sum (2,7,6,5,4,3,2,1) divides by 11.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 8, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }), bytes[0] != 48 else { return false }
        let weights = [2, 7, 6, 5, 4, 3, 2, 1]
        let sum = zip(bytes, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        return sum % 11 == 0
    }

    /// The check digit that makes the 7-digit `prefix` a valid CVR number, or `nil`
    /// when no digit does (the remainder would need 10).
    public static func checkDigit(forPrefix prefix: [Int]) -> Int? {
        precondition(prefix.count == 7)
        let weights = [2, 7, 6, 5, 4, 3, 2]
        let sum = zip(prefix, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let digit = (11 - sum % 11) % 11
        return digit == 10 ? nil : digit
    }
}

/// P-numbers have 10 digits; there is no published check digit, so only the format is checked.
public enum PNumber {
    public static func isValid(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 10 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

/// Text that could hold a CPR number, however it is spelt: `0102034005`,
/// `010203-4005`, `010203 4005`, `01.02.03-4005`. Such text is never stored or
/// logged in clear; ``scrub(_:replacing:)`` puts a keyed hash in its place.
///
/// ```swift
/// CPRText.digits(in: " 01.02.03-4005 ")   // "0102034005"
/// CPRText.scrub("søgte 010203 4005", replacing: { _ in "CPR-…" })   // "søgte CPR-…"
/// ```
public enum CPRText {
    /// Characters people write between a CPR number's digits.
    static let separators: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/")]

    /// The ten digits when the whole text (trimmed) is digits and single separators with exactly ten digits.
    public static func digits(in text: String) -> String? {
        let runs = digitRuns(in: Array(text.utf8))
        guard runs.count == 1, let run = runs.first, run.digits.count == 10 else { return nil }
        let bytes = Array(text.utf8)
        let outside = bytes[..<run.range.lowerBound] + bytes[run.range.upperBound...]
        return outside.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) ? run.digits : nil
    }

    /// `text` with every run of digits and single separators holding ten or more digits
    /// replaced by `replacing(digits)`: more digits than a CPR number may still hide one.
    /// Tokens of a prefix in `keeping` followed by 16 hex digits (pseudonyms, keyed hashes)
    /// are not CPR numbers and stay as they are.
    public static func scrub(_ text: String, keeping: [String] = [], replacing: (String) -> String) -> String {
        let bytes = Array(text.utf8)
        let kept = keptTokens(in: bytes, prefixes: keeping)
        var out: [UInt8] = [], at = 0
        for run in digitRuns(in: bytes) where run.digits.count >= 10 && !kept.contains(where: { $0.contains(run.range.lowerBound) }) {
            out += bytes[at..<run.range.lowerBound]
            out += Array(replacing(run.digits).utf8)
            at = run.range.upperBound
        }
        guard at > 0 else { return text }
        out += bytes[at...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Where a prefix followed by 16 hex digits stands.
    static func keptTokens(in bytes: [UInt8], prefixes: [String]) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (97...102).contains(b) || (65...70).contains(b) }
        for prefix in prefixes.map({ Array($0.utf8) }) where !prefix.isEmpty {
            var i = 0
            while i + prefix.count + 16 <= bytes.count {
                if bytes[i..<(i + prefix.count)].elementsEqual(prefix),
                    bytes[(i + prefix.count)..<(i + prefix.count + 16)].allSatisfy(isHex)
                {
                    tokens.append(i..<(i + prefix.count + 16))
                    i += prefix.count + 16
                } else {
                    i += 1
                }
            }
        }
        return tokens
    }

    /// Maximal runs that start and end with a digit, with at most one separator between digits.
    static func digitRuns(in bytes: [UInt8]) -> [(range: Range<Int>, digits: String)] {
        var runs: [(Range<Int>, String)] = []
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        while i < bytes.count {
            guard isDigit(bytes[i]) else { i += 1; continue }
            let start = i
            var digits: [UInt8] = [], end = i
            while i < bytes.count {
                if isDigit(bytes[i]) {
                    digits.append(bytes[i]); i += 1; end = i
                } else if separators.contains(bytes[i]), i + 1 < bytes.count, isDigit(bytes[i + 1]) {
                    i += 1
                } else {
                    break
                }
            }
            runs.append((start..<end, String(decoding: digits, as: UTF8.self)))
            i = end
        }
        return runs
    }
}
