import IndsatsCore

/// One row of a measure's answer: the values of the split dimensions (in the
/// query's `splitBy` order), the reporting period's label and the value.
public struct KPIRow: Sendable, Equatable {
    public var dimensions: [String]
    public var period: String
    public var value: Double

    public init(dimensions: [String], period: String, value: Double) {
        self.dimensions = dimensions
        self.period = period
        self.value = value
    }
}

/// A measure's answer with what explains it: the query, the reporting periods,
/// how many source rows it used and the register's data date.
public struct KPIResult: Sendable, Equatable {
    public var query: KPIQuery
    public var periods: [ReportingPeriod]
    /// Sorted by dimension values, then period. Every group seen in the window has a
    /// row for every period, zeros included, so tables and charts have no holes.
    public var rows: [KPIRow]
    /// Benefit periods or activities that contributed at least one day.
    public var sourceRowCount: Int
    public var dataDate: Day?
}

/// Computes measures on a ``Register``, exactly as KPI-DEFINITIONS.md defines them.
///
/// ```swift
/// let query = try KPIQuery.parse(measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-12-31",
///                                period: "maaned", splitBy: ["ydelse"], filters: [])
/// let result = KPIEngine(register).evaluate(query)
/// ```
public struct KPIEngine: Sendable {
    public let register: Register

    public init(_ register: Register) { self.register = register }

    public func evaluate(_ query: KPIQuery) -> KPIResult {
        var acc = Accumulator(query: query, register: register)
        switch query.measure {
        case .fuldtidspersoner, .personer: sweepBenefits(query, &acc)
        case .fuldtidsaktiverede: sweepActivities(query, &acc)
        }
        return acc.result(countingPersons: query.measure == .personer, dataDate: register.dataDate)
    }

    /// Allowed pool indices for a filtered dimension, `nil` when not filtered.
    private func allowed(_ d: Dimension, _ q: KPIQuery, _ pool: StringPool) -> Set<Int32>? {
        guard let values = q.filters[d] else { return nil }
        return Set(values.compactMap { pool.index(of: $0) })
    }

    private func sweepBenefits(_ q: KPIQuery, _ acc: inout Accumulator) {
        let r = register
        let ydelse = allowed(.ydelse, q, r.benefits), kommune = allowed(.kommune, q, r.municipalities)
        let koen = allowed(.koen, q, r.sexes), ages = q.filters[.aldersgruppe]
        let window = (q.window.start.ordinal, q.window.end.ordinal)
        var merged: [(Int32, Int32)] = []
        for p in 0..<r.personCount {
            if let kommune, !kommune.contains(r.personMunicipality[p]) { continue }
            if let koen, !koen.contains(r.personSex[p]) { continue }
            var row = r.benefitOffsets[p]
            let end = r.benefitOffsets[p + 1]
            while row < end {
                let code = r.benefitCode[row]
                var groupEnd = row
                while groupEnd < end && r.benefitCode[groupEnd] == code { groupEnd += 1 }
                defer { row = groupEnd }
                if let ydelse, !ydelse.contains(code) { continue }
                let values: [Dimension: Int32] = [.ydelse: code, .kommune: r.personMunicipality[p], .koen: r.personSex[p]]
                let birth = r.personBirth[p]
                merged.removeAll(keepingCapacity: true)
                for i in row..<groupEnd {
                    guard let span = clip(r.benefitStart[i], r.benefitEnd[i], window) else { continue }
                    if let ages, !acc.periods(overlapping: span).contains(where: {
                        ages.contains(AgeGroup.labels[Int(acc.keys.ageGroup(birth, $0))])
                    }) { continue }
                    acc.sourceRows += 1
                    mergeInto(&merged, span)
                }
                let keys = acc.keys
                for span in merged {
                    acc.distribute(span, person: Int32(p)) { period in
                        let age = keys.ageGroup(birth, period)
                        if let ages, !ages.contains(AgeGroup.labels[Int(age)]) { return nil }
                        return keys.key(values, age: age)
                    }
                }
            }
        }
    }

    private func sweepActivities(_ q: KPIQuery, _ acc: inout Accumulator) {
        let r = register
        let types = allowed(.type, q, r.activityTypes), initiatives = allowed(.indsats, q, r.initiatives)
        let units = allowed(.enhed, q, r.units), targetFilter = q.filters[.maalgruppe]
        let needsTarget = targetFilter != nil || q.splitBy.contains(.maalgruppe)
        let window = (q.window.start.ordinal, q.window.end.ordinal)
        var row = 0
        let count = r.activityCount
        var byUnionKey: [[Int32]: [(Int32, Int32)]] = [:]
        while row < count {
            let p = r.activityPerson[row]
            var personEnd = row
            while personEnd < count && r.activityPerson[personEnd] == p { personEnd += 1 }
            defer { row = personEnd }
            byUnionKey.removeAll(keepingCapacity: true)
            for i in row..<personEnd {
                if let types, !types.contains(r.activityType[i]) { continue }
                if let initiatives, !initiatives.contains(r.activityInitiative[i]) { continue }
                if let units, !units.contains(r.activityUnit[i]) { continue }
                // Target group as a benefit pool index, -1 for ingen_ydelse.
                let target = needsTarget ? (r.benefit(of: p, coveringDay: r.activityStart[i]) ?? -1) : -1
                if let targetFilter, !targetFilter.contains(acc.keys.targetLabel(target)) { continue }
                guard let span = clip(r.activityStart[i], r.activityEnd[i], window) else { continue }
                acc.sourceRows += 1
                // Days are unioned per person and activity type (and per split value).
                let unionKey = [r.activityType[i],
                                q.splitBy.contains(.indsats) ? r.activityInitiative[i] : 0,
                                q.splitBy.contains(.enhed) ? r.activityUnit[i] : 0,
                                q.splitBy.contains(.maalgruppe) ? target : 0]
                byUnionKey[unionKey, default: []].append(span)
            }
            for (unionKey, spans) in byUnionKey {
                let values: [Dimension: Int32] = [.type: unionKey[0], .indsats: unionKey[1], .enhed: unionKey[2], .maalgruppe: unionKey[3]]
                let key = acc.keys.key(values, age: 0)
                var merged: [(Int32, Int32)] = []
                for span in spans.sorted(by: { $0 < $1 }) { mergeInto(&merged, span) }
                for span in merged { acc.distribute(span, person: p) { _ in key } }
            }
        }
    }
}

/// The part of `[start, end]` inside the window, or `nil`.
@inline(__always)
func clip(_ start: Int32, _ end: Int32, _ window: (Int32, Int32)) -> (Int32, Int32)? {
    let s = max(start, window.0), e = min(end, window.1)
    return s <= e ? (s, e) : nil
}

/// Adds `span` to a union of spans fed in order of start.
@inline(__always)
func mergeInto(_ merged: inout [(Int32, Int32)], _ span: (Int32, Int32)) {
    if let last = merged.last, span.0 <= last.1 &+ 1 {
        merged[merged.count - 1].1 = max(last.1, span.1)
    } else {
        merged.append(span)
    }
}

/// Turns dimension values into group keys and back into labels.
struct GroupKeys: Sendable {
    let splitBy: [Dimension]
    let register: Register
    let periodStarts: [Day]

    /// Index into ``AgeGroup/labels`` of a person's age group in period `p`.
    func ageGroup(_ birth: Int32, _ p: Int) -> Int32 {
        Int32(AgeGroup.labels.firstIndex(of: AgeGroup.label(birth: birth, on: periodStarts[p]))!)
    }

    func targetLabel(_ target: Int32) -> String { target < 0 ? "ingen_ydelse" : register.benefits[target] }

    /// The split dimensions' values in `splitBy` order.
    func key(_ values: [Dimension: Int32], age: Int32) -> [Int32] {
        splitBy.map { $0 == .aldersgruppe ? age : values[$0] ?? 0 }
    }

    func label(_ d: Dimension, _ v: Int32) -> String {
        let r = register
        switch d {
        case .ydelse: return r.benefits[v]
        case .kommune: return r.municipalities[v]
        case .koen: return r.sexes[v]
        case .aldersgruppe: return AgeGroup.labels[Int(v)]
        case .type: return r.activityTypes[v]
        case .indsats: return r.initiatives[v]
        case .enhed: return r.units[v]
        case .maalgruppe: return targetLabel(v)
        }
    }
}

/// Sums days (or counts distinct persons) per group and reporting period.
struct Accumulator {
    let query: KPIQuery
    let periods: [ReportingPeriod]
    let periodStarts: [Int32]
    let periodEnds: [Int32]
    let keys: GroupKeys
    var groupIndex: [[Int32]: Int] = [:]
    var groupKeys: [[Int32]] = []
    var days: [Int64] = []
    var persons: [Int] = []
    var lastPerson: [Int32] = []
    var sourceRows = 0

    init(query: KPIQuery, register: Register) {
        self.query = query
        periods = ReportingPeriod.split(query.window, by: query.periodKind)
        periodStarts = periods.map(\.days.start.ordinal)
        periodEnds = periods.map(\.days.end.ordinal)
        keys = GroupKeys(splitBy: query.splitBy, register: register, periodStarts: periods.map(\.days.start))
        // A query split by nothing always has its one total row, even on no data.
        if query.splitBy.isEmpty { _ = cell([]) }
    }

    /// Indices of the periods that `span` overlaps.
    func periods(overlapping span: (Int32, Int32)) -> Range<Int> {
        var lo = 0, hi = periods.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if periodEnds[mid] < span.0 { lo = mid + 1 } else { hi = mid }
        }
        var last = lo
        while last < periods.count && periodStarts[last] <= span.1 { last += 1 }
        return lo..<last
    }

    /// Adds the days of `span` to each period it overlaps, in the group `key(period)` names
    /// (`nil` leaves the period out).
    mutating func distribute(_ span: (Int32, Int32), person: Int32, key: (Int) -> [Int32]?) {
        for p in periods(overlapping: span) {
            guard let k = key(p) else { continue }
            let overlap = Int64(min(span.1, periodEnds[p]) - max(span.0, periodStarts[p]) + 1)
            let cell = self.cell(k) * periods.count + p
            days[cell] += overlap
            if lastPerson[cell] != person {
                lastPerson[cell] = person
                persons[cell] += 1
            }
        }
    }

    mutating func cell(_ key: [Int32]) -> Int {
        if let g = groupIndex[key] { return g }
        let g = groupKeys.count
        groupIndex[key] = g
        groupKeys.append(key)
        days.append(contentsOf: repeatElement(0, count: periods.count))
        persons.append(contentsOf: repeatElement(0, count: periods.count))
        lastPerson.append(contentsOf: repeatElement(-1, count: periods.count))
        return g
    }

    func result(countingPersons: Bool, dataDate: Day?) -> KPIResult {
        let labelled = groupKeys.enumerated().map { g, key in
            (g, zip(query.splitBy, key).map { keys.label($0, $1) })
        }.sorted { $0.1.lexicographicallyPrecedes($1.1) }
        var rows: [KPIRow] = []
        rows.reserveCapacity(labelled.count * periods.count)
        for (g, labels) in labelled {
            for (p, period) in periods.enumerated() {
                let cell = g * periods.count + p
                let value = countingPersons ? Double(persons[cell]) : Double(days[cell]) / Double(period.days.dayCount)
                rows.append(KPIRow(dimensions: labels, period: period.label, value: value))
            }
        }
        return KPIResult(query: query, periods: periods, rows: rows, sourceRowCount: sourceRows, dataDate: dataDate)
    }
}
