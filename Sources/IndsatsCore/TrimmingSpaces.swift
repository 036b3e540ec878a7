extension String {
    /// Without the spaces and tabs at either end (a field in a file, a name in a query).
    ///
    /// ```swift
    /// " dagpenge\t".trimmingSpaces   // "dagpenge"
    /// ```
    public var trimmingSpaces: String {
        // Most fields have nothing to trim: answer those without copying.
        guard let first = utf8.first, let last = utf8.last, first == 32 || first == 9 || last == 32 || last == 9 else { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    /// Without the spaces and tabs at either end (see `String.trimmingSpaces`).
    public var trimmingSpaces: String { String(self).trimmingSpaces }
}
