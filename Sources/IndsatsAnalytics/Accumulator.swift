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

/// The values of a group's split dimensions, packed into four words for up to
/// eight dimensions (more spill into an array), so a row's group costs no
/// allocation and hashes fast.
struct GroupKey: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var rest: [Int32] = []

    /// Sets dimension `i`'s value; values are set in order 0, 1, 2, ...
    mutating func set(_ i: Int, _ value: Int32) {
        let bits = UInt64(UInt32(bitPattern: value)) << (i % 2 == 0 ? 0 : 32)
        switch i {
        case 0, 1: words.0 |= bits
        case 2, 3: words.1 |= bits
        case 4, 5: words.2 |= bits
        case 6, 7: words.3 |= bits
        default: rest.append(value)
        }
    }

    /// Dimension `i`'s value.
    func value(_ i: Int) -> Int32 {
        let word: UInt64
        switch i {
        case 0, 1: word = words.0
        case 2, 3: word = words.1
        case 4, 5: word = words.2
        case 6, 7: word = words.3
        default: return rest[i - 8]
        }
        return Int32(bitPattern: UInt32(truncatingIfNeeded: i % 2 == 0 ? word : word >> 32))
    }

    /// The key of the dimensions at `places` of this one, in that order.
    @inline(__always)
    func projected(_ places: Projection) -> GroupKey {
        var key = GroupKey()
        switch places.count {
        case 0: break
        case 1: key.set(0, value(places.first))
        case 2:
            key.set(0, value(places.first))
            key.set(1, value(places.second))
        default: for (i, place) in places.all.enumerated() { key.set(i, value(place)) }
        }
        return key
    }

    static func == (a: GroupKey, b: GroupKey) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
            && (a.rest.isEmpty ? b.rest.isEmpty : a.rest == b.rest)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
        if !rest.isEmpty { hasher.combine(rest) }
    }
}

/// Where a query's split dimensions are in a wider key (``GroupKey/projected(_:)``); the
/// first two inline, as a published table has at most two.
struct Projection: Sendable {
    let all: [Int]
    let count: Int
    let first: Int
    let second: Int

    init(_ places: [Int]) {
        all = places
        count = places.count
        first = places.first ?? 0
        second = places.count > 1 ? places[1] : 0
    }
}

/// Sums what a measure's sweep finds per group and reporting period, and turns the
/// sums into values by the measure's ``ValueKind``.
///
/// One sweep can answer several queries that differ only in their split (a measure's
/// published tables: the totals and each breakdown): the sweep is split by every
/// dimension any of them uses, and each query's ``Tally`` adds what it finds into its
/// own groups. Distinct persons stay distinct per tally, as each tally's cells see the
/// persons one after the other. ``KPIEngine/evaluate(_:)-([KPIQuery])`` uses it only for
/// measures whose sweep does not read the split itself (``Measure/splitsShareOneSweep``).
struct Accumulator: Sendable {
    /// The sweep's query: split by every dimension a tally needs.
    let query: KPIQuery
    let periods: [ReportingPeriod]
    let periodStarts: [Int32]
    let periodEnds: [Int32]
    /// The period of each day of the window, from its first day: rows find their
    /// period by one look-up.
    let periodOfDay: [Int32]
    let keys: GroupKeys
    private var tallies: [Tally]
    /// Days a priced measure could not price, by benefit code.
    private var unpricedDays: [String: Int] = [:]
    var sourceRows = 0

    init(query: KPIQuery, register: Register) { self.init(queries: [query], register: register) }

    /// One sweep for `queries`, which must differ only in their split.
    init(queries: [KPIQuery], register: Register) {
        var sweep = queries[0]
        sweep.splitBy = []
        for q in queries { for d in q.splitBy where !sweep.splitBy.contains(d) { sweep.splitBy.append(d) } }
        let query = queries.count == 1 ? queries[0] : sweep
        self.query = query
        let periods = ReportingPeriod.split(query.window, by: query.periodKind)
        self.periods = periods
        periodStarts = periods.map(\.days.start.ordinal)
        periodEnds = periods.map(\.days.end.ordinal)
        periodOfDay = periods.indices.flatMap { p in repeatElement(Int32(p), count: periods[p].days.dayCount) }
        let keys = GroupKeys(query: query, register: register, periodStarts: periods.map(\.days.start))
        self.keys = keys
        tallies = queries.map { q in
            let places = q.splitBy.map { query.splitBy.firstIndex(of: $0)! }
            return Tally(query: q, places: places == Array(query.splitBy.indices) ? nil : places, periods: periods.count, keys: keys)
        }
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
        let share = query.measure.valueKind == .share
        for p in periods(overlapping: span) {
            guard let k = key(p) else { continue }
            let overlap = Int64(min(span.1, periodEnds[p]) - max(span.0, periodStarts[p]) + 1)
            for t in tallies.indices { tallies[t].addDays(k, p, overlap, person: person, numerator: numerator, share: share) }
        }
    }

    /// Adds `span`'s days in each period at `perDay` kroner a day to the group `key` names,
    /// counting `person` once per cell.
    mutating func distribute(_ span: (Int32, Int32), person: Int32, perDay: Double, key: GroupKey) {
        for p in periods(overlapping: span) {
            let overlap = Double(min(span.1, periodEnds[p]) - max(span.0, periodStarts[p]) + 1)
            for t in tallies.indices { tallies[t].addAmount(key, p, overlap * perDay, person: person) }
        }
    }

    /// Records days of `benefit` inside the window that had no price.
    mutating func addUnpriced(_ benefit: String, days: Int) { unpricedDays[benefit, default: 0] += days }

    /// Adds `amount` to a cell.
    mutating func add(_ key: GroupKey, _ period: Int, _ amount: Int64 = 1) {
        for t in tallies.indices { tallies[t].add(key, period, amount) }
    }

    /// Counts `person` once in a cell's denominator, and once in its numerator when `inNumerator`.
    mutating func countPerson(_ key: GroupKey, _ period: Int, _ person: Int32, inNumerator: Bool) {
        for t in tallies.indices { tallies[t].countPerson(key, period, person, inNumerator: inNumerator) }
    }

    /// Adds one to a cell's denominator, and to its numerator when `inNumerator`.
    mutating func addShare(_ key: GroupKey, _ period: Int, inNumerator: Bool) {
        for t in tallies.indices { tallies[t].addShare(key, period, inNumerator: inNumerator) }
    }

    /// Adds a sample for a mean or median.
    mutating func addSample(_ key: GroupKey, _ period: Int, _ value: Int64) {
        for t in tallies.indices { tallies[t].addSample(key, period, value) }
    }

    /// Adds what another part of the same sweep found. Parts split by person,
    /// so distinct-person counts add up.
    mutating func merge(_ other: Accumulator) {
        for t in tallies.indices { tallies[t].merge(other.tallies[t]) }
        unpricedDays.merge(other.unpricedDays, uniquingKeysWith: +)
        sourceRows += other.sourceRows
    }

    /// Each query's answer, in the order the queries were given.
    func results(dataDate: Day?) -> [KPIResult] {
        tallies.map { tally in
            KPIResult(
                query: tally.query, periods: periods, rows: tally.rows(periods, keys), sourceRowCount: sourceRows, dataDate: dataDate,
                unpricedDays: unpricedDays)
        }
    }

    func result(dataDate: Day?) -> KPIResult { results(dataDate: dataDate)[0] }
}

/// One query's groups and cells in a sweep (``Accumulator``): what its split finds per
/// group and period.
struct Tally: Sendable {
    let query: KPIQuery
    /// Where this query's split dimensions are in the sweep's keys; `nil` when its split is the sweep's.
    let places: Projection?
    let periodCount: Int
    private var groupIndex: [GroupKey: Int] = [:]
    private(set) var groupKeys: [GroupKey] = []
    /// Days, counts or numerators.
    private var sum: [Int64] = []
    /// Denominators of shares; distinct persons for ``ValueKind/persons``.
    private var denominator: [Int64] = []
    private var lastPerson: [Int32] = []
    private var lastNumeratorPerson: [Int32] = []
    private var samples: [[Int64]] = []
    /// Kroner of ``ValueKind/amount``.
    private var amounts: [Double] = []
    private var lastGroup: Int?
    /// Group numbers by the key's place in the product of its dimensions' values (-1
    /// for none yet), when that product is small: a look-up without hashing.
    private var denseGroups: [Int32] = []
    private var denseStrides: [Int] = []

    /// The most places a dense group table may have.
    private static let denseLimit = 1 << 16

    init(query: KPIQuery, places: [Int]?, periods: Int, keys: GroupKeys) {
        self.query = query
        self.places = places.map(Projection.init)
        periodCount = periods
        var size = 1
        for d in query.splitBy where size <= Self.denseLimit {
            denseStrides.append(size)
            size *= keys.cardinality(d)
        }
        if size <= Self.denseLimit { denseGroups = Array(repeating: -1, count: size) } else { denseStrides = [] }
        // A query split by nothing always has its one total row, even on no data.
        if query.splitBy.isEmpty { _ = group(GroupKey()) }
    }

    /// The cell of the sweep's `key` in `period`.
    @inline(__always)
    private mutating func cell(_ key: GroupKey, _ period: Int) -> Int {
        if let places { return group(key.projected(places)) * periodCount + period }
        return group(key) * periodCount + period
    }

    /// Counts `person` once in a cell's denominator.
    @inline(__always)
    private mutating func count(_ person: Int32, _ cell: Int) {
        if lastPerson[cell] != person {
            lastPerson[cell] = person
            denominator[cell] += 1
        }
    }

    /// See ``Accumulator/distribute(_:person:numerator:key:)``: `days` of `person` in a cell.
    @inline(__always)
    mutating func addDays(_ key: GroupKey, _ period: Int, _ days: Int64, person: Int32, numerator: Bool, share: Bool) {
        let cell = self.cell(key, period)
        if numerator { sum[cell] += days }
        if share { denominator[cell] += days } else { count(person, cell) }
    }

    @inline(__always)
    mutating func addAmount(_ key: GroupKey, _ period: Int, _ kroner: Double, person: Int32) {
        let cell = self.cell(key, period)
        amounts[cell] += kroner
        count(person, cell)
    }

    @inline(__always)
    mutating func add(_ key: GroupKey, _ period: Int, _ amount: Int64) { sum[cell(key, period)] += amount }

    @inline(__always)
    mutating func countPerson(_ key: GroupKey, _ period: Int, _ person: Int32, inNumerator: Bool) {
        let cell = self.cell(key, period)
        count(person, cell)
        if inNumerator && lastNumeratorPerson[cell] != person {
            lastNumeratorPerson[cell] = person
            sum[cell] += 1
        }
    }

    @inline(__always)
    mutating func addShare(_ key: GroupKey, _ period: Int, inNumerator: Bool) {
        let cell = self.cell(key, period)
        denominator[cell] += 1
        if inNumerator { sum[cell] += 1 }
    }

    @inline(__always)
    mutating func addSample(_ key: GroupKey, _ period: Int, _ value: Int64) { samples[cell(key, period)].append(value) }

    /// The key's place in the dense table, `nil` without one.
    @inline(__always)
    private func densePlace(_ key: GroupKey) -> Int? {
        guard !denseGroups.isEmpty else { return nil }
        var place = 0
        for (i, d) in query.splitBy.enumerated() { place += (Int(key.value(i)) + GroupKeys.offset(d)) * denseStrides[i] }
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
        sum.append(contentsOf: repeatElement(0, count: periodCount))
        denominator.append(contentsOf: repeatElement(0, count: periodCount))
        lastPerson.append(contentsOf: repeatElement(-1, count: periodCount))
        lastNumeratorPerson.append(contentsOf: repeatElement(-1, count: periodCount))
        samples.append(contentsOf: repeatElement([], count: periodCount))
        amounts.append(contentsOf: repeatElement(0, count: periodCount))
        return g
    }

    /// Adds what the same query found in another part of the sweep.
    mutating func merge(_ other: Tally) {
        let n = periodCount
        for (og, key) in other.groupKeys.enumerated() {
            let g = group(key)
            for p in 0..<n {
                sum[g * n + p] += other.sum[og * n + p]
                denominator[g * n + p] += other.denominator[og * n + p]
                samples[g * n + p] += other.samples[og * n + p]
                amounts[g * n + p] += other.amounts[og * n + p]
            }
        }
    }

    /// The answer's rows: every group by its labels, then every period.
    func rows(_ periods: [ReportingPeriod], _ keys: GroupKeys) -> [KPIRow] {
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
        return rows
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
