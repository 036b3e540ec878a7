extension Array where Element == UInt8 {
    /// Where `needle` first occurs at or after `start`, for searching file formats as bytes.
    ///
    /// ```swift
    /// Array("a--b--".utf8).firstIndex(of: Array("--".utf8), from: 2)   // 4
    /// ```
    public func firstIndex(of needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first else { return start }
        var i = start
        while i + needle.count <= count {
            if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
