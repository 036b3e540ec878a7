extension RandomAccessCollection where Index == Int {
    /// The first index whose element satisfies `belongs`, for a predicate false then true
    /// along the collection (a binary search over rows sorted by day, say).
    ///
    /// ```swift
    /// [3, 5, 8, 13].partitionPoint { $0 >= 6 }   // 2
    /// ```
    @inlinable
    public func partitionPoint(_ belongs: (Element) -> Bool) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
