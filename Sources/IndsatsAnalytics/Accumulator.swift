import IndsatsCore

/// Turns dimension values into group keys and back into labels, and checks filters.
///
/// A dimension's value is an index: into one of the register's string pools, into a
/// fixed label list (`aldersgruppe`, `status`, `antal`, `trin`), or -1 for `ingen_ydelse`
/// in `ydelse` (of a placement), `maalgruppe` and `til_ydelse`.
struct GroupKeys: Sendable {
    let splitBy: [Dimension]
    /// Each dimension's pool of strings by ``Dimension/ordinal`` (empty for fixed labels).
    /// Not the register itself: sweeps capture `keys` in closures, and a captured
    /// register is copied.
    let pools: [[String]]
    /// Each period's first day's ``AgeGroup/Cutoffs``.
    let ageCutoffs: [AgeGroup.Cutoffs]
    /// Of each filtered dimension (by ``Dimension/ordinal``), whether each value (from
    /// ``offset(_:)``) is allowed: every row asks, so this is a look-up, not a hash.
    let allowed: [[Bool]?]

    init(query: KPIQuery, register: Register, periodStarts: [Day]) {
        splitBy = query.splitBy
        pools = Dimension.allCases.map { GroupKeys.labels($0) == nil ? GroupKeys.pool($0, register).strings : [] }
        ageCutoffs = periodStarts.map(AgeGroup.Cutoffs.init(on:))
        var allowed = [[Bool]?](repeating: nil, count: Dimension.allCases.count)
        for (d, labels) in query.filters {
            var flags = [Bool](repeating: false, count: GroupKeys.cardinality(d, pools))
            for v in labels.compactMap({ GroupKeys.index(d, of: $0, in: register) }) { flags[Int(v) + GroupKeys.offset(d)] = true }
            allowed[d.ordinal] = flags
        }
        self.allowed = allowed
    }

    /// Whether value `v` of dimension `d` passes the query's filter.
    @inline(__always)
    func allows(_ d: Dimension, _ v: Int32) -> Bool {
        guard let flags = allowed[d.ordinal] else { return true }
        return flags[Int(v) + GroupKeys.offset(d)]
    }

    /// Whether dimension `d` is filtered or split, so its value is needed.
    func uses(_ d: Dimension) -> Bool { allowed[d.ordinal] != nil || splitBy.contains(d) }

    /// Index of a person's age group in period `p`.
    @inline(__always)
    func ageGroup(_ birth: Int32, _ p: Int) -> Int32 { ageCutoffs[p].index(birth: birth) }

    /// The split dimensions' values in `splitBy` order.
    func key(_ value: (Dimension) -> Int32) -> GroupKey {
        var key = GroupKey()
        for (i, d) in splitBy.enumerated() { key.set(i, value(d)) }
        return key
    }

    func label(_ d: Dimension, _ v: Int32) -> String {
        GroupKeys.labels(d).map { $0[Int(v)] } ?? (v < 0 ? "ingen_ydelse" : pools[d.ordinal][Int(v)])
    }

    /// The fixed labels of a dimension, `nil` for one whose values are a pool's.
    private static func labels(_ d: Dimension) -> [String]? {
        switch d {
        case .aldersgruppe: return AgeGroup.labels
        case .status: return Status.labels
        case .antal: return RepeatCount.labels
        case .trin: return RefusionStep.labels
        case .gruppe: return ScreeningLabels.groups
        case .forslag: return ScreeningLabels.advice
        case .afvigelse: return ScreeningLabels.overrides
        case .varighedsgruppe: return DurationGroup.labels
        default: return nil
        }
    }

    private static func pool(_ d: Dimension, _ r: Register) -> StringPool {
        switch d {
        case .ydelse, .hovedydelse, .maalgruppe, .til_ydelse: return r.benefits
        case .team: return r.teams
        case .kommune: return r.municipalities
        case .koen: return r.sexes
        case .type: return r.types
        case .indsats: return r.initiatives
        case .enhed: return r.units
        case .afgang: return r.exitReasons
        case .branche: return r.industries
        case .medarbejder: return r.staff
        case .afholdt_af: return r.heldBy
        case .pulje: return r.poolIDs
        case .aldersgruppe, .status, .antal, .trin, .gruppe, .forslag, .afvigelse, .varighedsgruppe:
            preconditionFailure("\(d) has fixed labels")
        }
    }

    /// How many values dimension `d` can take, counted from ``offset(_:)``.
    func cardinality(_ d: Dimension) -> Int { GroupKeys.cardinality(d, pools) }

    private static func cardinality(_ d: Dimension, _ pools: [[String]]) -> Int {
        (labels(d)?.count ?? pools[d.ordinal].count) + offset(d)
    }

    /// What is added to a value of `d` to make it a non-negative index (-1 is `ingen_ydelse`).
    @inline(__always)
    static func offset(_ d: Dimension) -> Int { d == .ydelse || d == .maalgruppe || d == .til_ydelse ? 1 : 0 }

    static func index(_ d: Dimension, of label: String, in r: Register) -> Int32? {
        if let labels = labels(d) { return labels.firstIndex(of: label).map { Int32($0) } }
        if (d == .ydelse || d == .maalgruppe || d == .til_ydelse) && label == "ingen_ydelse" { return -1 }
        return pool(d, r).index(of: label)
    }
}

/// The values of a group's split dimensions, packed into two words for up to
/// four dimensions (more spill into an array), so a row's group costs no
/// allocation and hashes fast.
struct GroupKey: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var rest: [Int32] = []

    /// Sets dimension `i`'s value; values are set in order 0, 1, 2, ...
    mutating func set(_ i: Int, _ value: Int32) {
        let bits = UInt64(UInt32(bitPattern: value))
        switch i {
        case 0: low |= bits
        case 1: low |= bits << 32
        case 2: high |= bits
        case 3: high |= bits << 32
        default: rest.append(value)
        }
    }

    /// Dimension `i`'s value.
    func value(_ i: Int) -> Int32 {
        switch i {
        case 0: Int32(bitPattern: UInt32(truncatingIfNeeded: low))
        case 1: Int32(bitPattern: UInt32(truncatingIfNeeded: low >> 32))
        case 2: Int32(bitPattern: UInt32(truncatingIfNeeded: high))
        case 3: Int32(bitPattern: UInt32(truncatingIfNeeded: high >> 32))
        default: rest[i - 4]
        }
    }
}

/// Sums what a measure's sweep finds per group and reporting period, and turns the
/// sums into values by the measure's ``ValueKind``.
struct Accumulator: Sendable {
    let query: KPIQuery
    let periods: [ReportingPeriod]
    let periodStarts: [Int32]
    let periodEnds: [Int32]
    /// The period of each day of the window, from its first day: rows find their
    /// period by one look-up.
    let periodOfDay: [Int32]
    let keys: GroupKeys
    private var groupIndex: [GroupKey: Int] = [:]
    private var groupKeys: [GroupKey] = []
    /// Days, counts or numerators.
    private var sum: [Int64] = []
    /// Denominators of shares; distinct persons for ``ValueKind/persons``.
    private var denominator: [Int64] = []
    private var lastPerson: [Int32] = []
    private var lastNumeratorPerson: [Int32] = []
    private var samples: [[Int64]] = []
    /// Kroner of ``ValueKind/amount``.
    private var amounts: [Double] = []
    /// Days a priced measure could not price, by benefit code.
    private var unpricedDays: [String: Int] = [:]
    private var lastGroup: Int?
    /// Group numbers by the key's place in the product of its dimensions' values (-1
    /// for none yet), when that product is small: a look-up without hashing.
    private var denseGroups: [Int32] = []
    private var denseStrides: [Int] = []
    var sourceRows = 0

    init(query: KPIQuery, register: Register) {
        self.query = query
        let periods = ReportingPeriod.split(query.window, by: query.periodKind)
        self.periods = periods
        periodStarts = periods.map(\.days.start.ordinal)
        periodEnds = periods.map(\.days.end.ordinal)
        periodOfDay = periods.indices.flatMap { p in repeatElement(Int32(p), count: periods[p].days.dayCount) }
        keys = GroupKeys(query: query, register: register, periodStarts: periods.map(\.days.start))
        var size = 1
        for d in query.splitBy where size <= Self.denseLimit {
            denseStrides.append(size)
            size *= keys.cardinality(d)
        }
        if size <= Self.denseLimit { denseGroups = Array(repeating: -1, count: size) } else { denseStrides = [] }
        // A query split by nothing always has its one total row, even on no data.
        if query.splitBy.isEmpty { _ = group(GroupKey()) }
    }

    /// The window as ordinals.
    var window: (Int32, Int32) { (query.window.start.ordinal, query.window.end.ordinal) }

    /// Indices of the periods that `span` overlaps.
    @inline(__always)
    func periods(overlapping span: (Int32, Int32)) -> Range<Int> {
        let (w0, w1) = (periodStarts[0], periodEnds[periodEnds.count - 1])
        guard span.0 <= w1 && span.1 >= w0 else { return 0..<0 }
        return Int(periodOfDay[Int(max(span.0, w0) - w0)])..<Int(periodOfDay[Int(min(span.1, w1) - w0)]) + 1
    }

    /// The period holding `day`, `nil` outside the window.
    @inline(__always)
    func period(of day: Int32) -> Int? {
        let w0 = periodStarts[0]
        guard day >= w0 && day <= periodEnds[periodEnds.count - 1] else { return nil }
        return Int(periodOfDay[Int(day - w0)])
    }

    /// Adds the days of `span` to each period it overlaps, in the group `key(period)` names
    /// (`nil` leaves the period out), counting `person` once per cell. With `numerator`
    /// false the days go to the denominator only.
    mutating func distribute(_ span: (Int32, Int32), person: Int32, numerator: Bool = true, key: (Int) -> GroupKey?) {
        for p in periods(overlapping: span) {
            guard let k = key(p) else { continue }
            let overlap = Int64(min(span.1, periodEnds[p]) - max(span.0, periodStarts[p]) + 1)
            let cell = self.cell(k, p)
            if numerator { sum[cell] += overlap }
            if query.measure.valueKind == .share {
                denominator[cell] += overlap
            } else if lastPerson[cell] != person {
                lastPerson[cell] = person
                denominator[cell] += 1
            }
        }
    }

    /// Adds `span`'s days in each period at `perDay` kroner a day to the group `key` names,
    /// counting `person` once per cell.
    mutating func distribute(_ span: (Int32, Int32), person: Int32, perDay: Double, key: GroupKey) {
        for p in periods(overlapping: span) {
            let overlap = Double(min(span.1, periodEnds[p]) - max(span.0, periodStarts[p]) + 1)
            let cell = self.cell(key, p)
            amounts[cell] += overlap * perDay
            if lastPerson[cell] != person {
                lastPerson[cell] = person
                denominator[cell] += 1
            }
        }
    }

    /// Records days of `benefit` inside the window that had no price.
    mutating func addUnpriced(_ benefit: String, days: Int) { unpricedDays[benefit, default: 0] += days }

    /// Adds `amount` to a cell.
    mutating func add(_ key: GroupKey, _ period: Int, _ amount: Int64 = 1) {
        sum[cell(key, period)] += amount
    }

    /// Counts `person` once in a cell's denominator, and once in its numerator when `inNumerator`.
    mutating func countPerson(_ key: GroupKey, _ period: Int, _ person: Int32, inNumerator: Bool) {
        let cell = self.cell(key, period)
        if lastPerson[cell] != person {
            lastPerson[cell] = person
            denominator[cell] += 1
        }
        if inNumerator && lastNumeratorPerson[cell] != person {
            lastNumeratorPerson[cell] = person
            sum[cell] += 1
        }
    }

    /// Adds one to a cell's denominator, and to its numerator when `inNumerator`.
    mutating func addShare(_ key: GroupKey, _ period: Int, inNumerator: Bool) {
        let cell = self.cell(key, period)
        denominator[cell] += 1
        if inNumerator { sum[cell] += 1 }
    }

    /// Adds a sample for a mean or median.
    mutating func addSample(_ key: GroupKey, _ period: Int, _ value: Int64) {
        samples[cell(key, period)].append(value)
    }

    private mutating func cell(_ key: GroupKey, _ period: Int) -> Int { group(key) * periods.count + period }

    /// The most places a dense group table may have.
    private static let denseLimit = 1 << 16

    /// The key's place in the dense table, `nil` without one.
    @inline(__always)
    private func densePlace(_ key: GroupKey) -> Int? {
        guard !denseGroups.isEmpty else { return nil }
        var place = 0
        for (i, d) in keys.splitBy.enumerated() { place += (Int(key.value(i)) + GroupKeys.offset(d)) * denseStrides[i] }
        return place
    }

    private mutating func group(_ key: GroupKey) -> Int {
        // Rows of one group tend to come together: try the last group first.
        if let last = lastGroup, groupKeys[last] == key { return last }
        let place = densePlace(key)
        if let place, denseGroups[place] >= 0 {
            lastGroup = Int(denseGroups[place])
            return lastGroup!
        }
        if place == nil, let g = groupIndex[key] {
            lastGroup = g
            return g
        }
        let g = groupKeys.count
        if let place { denseGroups[place] = Int32(g) } else { groupIndex[key] = g }
        groupKeys.append(key)
        lastGroup = g
        sum.append(contentsOf: repeatElement(0, count: periods.count))
        denominator.append(contentsOf: repeatElement(0, count: periods.count))
        lastPerson.append(contentsOf: repeatElement(-1, count: periods.count))
        lastNumeratorPerson.append(contentsOf: repeatElement(-1, count: periods.count))
        samples.append(contentsOf: repeatElement([], count: periods.count))
        amounts.append(contentsOf: repeatElement(0, count: periods.count))
        return g
    }

    /// Adds what another part of the same query's sweep found. Parts split by person,
    /// so distinct-person counts add up.
    mutating func merge(_ other: Accumulator) {
        let n = periods.count
        for (og, key) in other.groupKeys.enumerated() {
            let g = group(key)
            for p in 0..<n {
                sum[g * n + p] += other.sum[og * n + p]
                denominator[g * n + p] += other.denominator[og * n + p]
                samples[g * n + p] += other.samples[og * n + p]
                amounts[g * n + p] += other.amounts[og * n + p]
            }
        }
        unpricedDays.merge(other.unpricedDays, uniquingKeysWith: +)
        sourceRows += other.sourceRows
    }

    func result(dataDate: Day?) -> KPIResult {
        let labelled = groupKeys.enumerated().map { g, key in
            (g, query.splitBy.enumerated().map { i, d in keys.label(d, key.value(i)) })
        }.sorted { $0.1.lexicographicallyPrecedes($1.1) }
        var rows: [KPIRow] = []
        rows.reserveCapacity(labelled.count * periods.count)
        for (g, labels) in labelled {
            for (p, period) in periods.enumerated() {
                let cell = g * periods.count + p
                rows.append(KPIRow(dimensions: labels, period: period.label, value: value(cell, period), base: base(cell)))
            }
        }
        return KPIResult(
            query: query, periods: periods, rows: rows, sourceRowCount: sourceRows, dataDate: dataDate, unpricedDays: unpricedDays)
    }

    /// The units a cell's value rests on: distinct persons behind days, the count
    /// itself, a share's denominator, or the number of samples.
    private func base(_ cell: Int) -> Int {
        switch query.measure.valueKind {
        case .perDay, .persons, .share, .amount: Int(denominator[cell])
        case .count: Int(sum[cell])
        case .mean, .median: samples[cell].count
        }
    }

    private func value(_ cell: Int, _ period: ReportingPeriod) -> Double? {
        switch query.measure.valueKind {
        case .perDay: return Double(sum[cell]) / Double(period.days.dayCount)
        case .persons: return Double(denominator[cell])
        case .count: return Double(sum[cell])
        // To the øre: shards add in different orders.
        case .amount: return (amounts[cell] * 100).rounded() / 100
        case .share: return denominator[cell] == 0 ? nil : Double(sum[cell]) / Double(denominator[cell])
        case .mean:
            let s = samples[cell]
            return s.isEmpty ? nil : Double(s.reduce(0, +)) / Double(s.count)
        case .median:
            let s = samples[cell].sorted()
            guard !s.isEmpty else { return nil }
            return s.count % 2 == 1 ? Double(s[s.count / 2]) : Double(s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
    }
}
