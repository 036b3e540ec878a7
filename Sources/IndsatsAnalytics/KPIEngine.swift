import Dispatch
import Foundation
import IndsatsCore
import Synchronization

/// One row of a measure's answer: the values of the split dimensions (in the
/// query's `splitBy` order), the reporting period's label and the value, which is
/// absent (`nil`) for a share with an empty denominator or a mean of nothing.
public struct KPIRow: Sendable, Equatable {
    public var dimensions: [String]
    public var period: String
    public var value: Double?
    /// How many units the value rests on: persons, rows, companies or the share's
    /// denominator (see ``SmallNumbers``).
    public var base: Int
    /// Hidden because the base is small, or to protect a hidden neighbour.
    public var suppressed: Bool

    public init(dimensions: [String], period: String, value: Double?, base: Int = 0, suppressed: Bool = false) {
        self.dimensions = dimensions
        self.period = period
        self.value = value
        self.base = base
        self.suppressed = suppressed
    }

    /// Rows compare by what they show: the base is bookkeeping.
    public static func == (a: KPIRow, b: KPIRow) -> Bool {
        a.dimensions == b.dimensions && a.period == b.period && a.value == b.value && a.suppressed == b.suppressed
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
    /// Register rows (periods, activities, conversations, ...) the value was computed from;
    /// `nil` once small numbers are suppressed, as a count it would give a hidden cell away.
    public var sourceRowCount: Int?
    public var dataDate: Day?
    /// Days on a benefit without a rate or refusion rule, left out of `nettoudgift`.
    public var unpricedDays: [String: Int]
    /// Whether ``notes`` may state counts (false once small numbers are suppressed).
    public var showsCounts = true
    /// For each benefit in ``unpricedDays``, the stretches of the evaluated window its prices leave
    /// unpriced (no rate, or before the first refusion rule): prices, not persons, so always shown.
    public var unpricedSpans: [String: [DayRange]] = [:]
    /// For the refusion staircase (`refusionstrin`, `nettoudgift`): the register's first day on a benefit,
    /// when it starts after the reform and within 156 weeks before the window, so earlier weeks are missing.
    public var shortHistoryFrom: Day?

    public init(
        query: KPIQuery, periods: [ReportingPeriod], rows: [KPIRow], sourceRowCount: Int, dataDate: Day?, unpricedDays: [String: Int] = [:]
    ) {
        self.query = query
        self.periods = periods
        self.rows = rows
        self.sourceRowCount = sourceRowCount
        self.dataDate = dataDate
        self.unpricedDays = unpricedDays
    }

    /// What the reader must know to trust the figures, in Danish: which days are left unpriced,
    /// and how many only where counts are shown.
    public var notes: [String] {
        unpricedDays.sorted { $0.key < $1.key }.map { benefit, days in
            let spans = (unpricedSpans[benefit] ?? []).compactMap { $0.clamped(to: query.window) }
            let when = spans.isEmpty ? "" : " " + spans.map { "fra \($0.start.danish) til \($0.end.danish)" }.joined(separator: " og ")
            let count = showsCounts ? "\(DanishFormat.integer(days)) dage" : "dagene"
            return
                "Ydelsen \(benefit) har ingen sats eller refusionsregel\(when); \(count) på den i perioden er ikke regnet med (tilføj en sats med indsats satser importer)."
        } + (shortHistoryFrom.map { [RefusionStaircase.shortHistoryNote(from: $0)] } ?? [])
    }
}

/// Computes measures on a ``Register``, exactly as docs/noegletal.md defines them.
///
/// A large register is swept on every core: each ``Shard`` sweeps its own persons
/// (or companies, or rows) into its own ``Accumulator``, and the sums are merged.
///
/// ```swift
/// let query = try KPIQuery.parse(measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-12-31",
///                                period: "maaned", splitBy: ["ydelse"], filters: [])
/// let result = KPIEngine(register).evaluate(query)
/// ```
public struct KPIEngine: Sendable {
    public let register: Register
    /// What `nettoudgift` prices a day on a benefit at.
    public let prices: BenefitPrices
    /// How many parts a sweep is split into.
    public let shards: Int
    /// When set, only these persons (indices, ascending) are swept: their part of every cell,
    /// for a measure whose cells add up by person (``Measure/addsUpByPerson``), to correct an
    /// answer after an import that touched them (``KPIResult/replacingPart(_:with:)``).
    public let persons: [Int32]?

    /// `shards` defaults to the number of cores for a register of at least
    /// ``parallelThreshold`` rows, else 1 (a thread costs more than a small sweep), and to 1
    /// for a sweep of some `persons`.
    public init(_ register: Register, prices: BenefitPrices = .defaults, shards: Int? = nil, persons: [Int32]? = nil) {
        self.register = register
        self.prices = prices
        self.persons = persons
        let whole = register.rowCount >= Self.parallelThreshold && persons == nil
        self.shards = max(1, shards ?? (whole ? ProcessInfo.processInfo.activeProcessorCount : 1))
    }

    /// Register rows from which a sweep is worth spreading over the cores.
    public static let parallelThreshold = 50_000

    public func evaluate(_ query: KPIQuery) -> KPIResult { finished(sweep(query)) }

    /// Several queries' answers, in their order, each equal to its own ``evaluate(_:)-(KPIQuery)``.
    /// Queries that differ only in their split share one sweep where the measure allows it
    /// (``Measure/splitsShareOneSweep``): a measure's published tables cost one sweep per
    /// period kind, not one per table.
    ///
    /// ```swift
    /// let tables = engine.evaluate(Publication.breakdowns(.tilgang).map { KPIQuery(measure: .tilgang, window: year, splitBy: $0) })
    /// ```
    public func evaluate(_ queries: [KPIQuery]) -> [KPIResult] {
        var answers = [KPIResult?](repeating: nil, count: queries.count)
        let byMainBenefit = queries.indices.filter { queries[$0].usesMainBenefit }
        if !byMainBenefit.isEmpty {
            let engine = KPIEngine(register.byMainBenefit, prices: prices, shards: shards, persons: persons)
            for (i, var result) in zip(byMainBenefit, engine.evaluate(byMainBenefit.map { queries[$0].askingMainBenefitAsBenefit })) {
                result.query = queries[i]
                answers[i] = result
            }
        }
        // Queries that share a sweep, by the query without its split, in the order first asked.
        var sweeps: [(sweep: KPIQuery, members: [Int])] = []
        for (i, query) in queries.enumerated() where answers[i] == nil {
            guard query.measure.splitsShareOneSweep else {
                answers[i] = evaluate(query)
                continue
            }
            var sweep = query
            sweep.splitBy = []
            if let at = sweeps.firstIndex(where: { $0.sweep == sweep }) {
                sweeps[at].members.append(i)
            } else {
                sweeps.append((sweep, [i]))
            }
        }
        for (_, members) in sweeps {
            for (i, result) in zip(members, sweep(members.map { queries[$0] })) { answers[i] = finished(result) }
        }
        return answers.map { $0! }
    }

    /// The result with what the reader needs besides the sweep's cells: unpriced stretches and a short refusion history.
    private func finished(_ swept: KPIResult) -> KPIResult {
        var result = swept
        let query = result.query
        for benefit in result.unpricedDays.keys { result.unpricedSpans[benefit] = prices.unpriced(benefit, in: query.window) }
        if query.measure == .refusionstrin || query.measure == .nettoudgift {
            result.shortHistoryFrom = RefusionStaircase.shortHistory(firstBenefitDay: register.benefitStart.min(), window: query.window)
        }
        return result
    }

    func sweep(_ query: KPIQuery) -> KPIResult {
        precondition(persons == nil || query.measure.addsUpByPerson, "\(query.measure) is not swept person by person")
        guard !query.usesMainBenefit else { return evaluateByMainBenefit(query) }
        if query.measure == .budgetforbrug { return budgetUse(query) }
        if query.measure == .puljeresultat && query.periodKind != .hele {
            var whole = query
            whole.periodKind = .hele
            return sweep(whole)
        }
        return sweep([query])[0]
    }

    /// One sweep for queries that differ only in their split, on every shard.
    private func sweep(_ queries: [KPIQuery]) -> [KPIResult] {
        guard shards > 1 else {
            var acc = Accumulator(queries: queries, register: register)
            sweep(&acc, Shard(index: 0, count: 1, only: persons))
            return acc.results(dataDate: register.dataDate)
        }
        let parts = Mutex<[Accumulator?]>(Array(repeating: nil, count: shards))
        DispatchQueue.concurrentPerform(iterations: shards) { i in
            var acc = Accumulator(queries: queries, register: register)
            sweep(&acc, Shard(index: i, count: shards, only: persons))
            parts.withLock { $0[i] = acc }
        }
        var all = parts.withLock { $0.compactMap { $0 } }
        var total = all.removeFirst()
        for part in all { total.merge(part) }
        return total.results(dataDate: register.dataDate)
    }

    /// A query by `hovedydelse`: the same measure by `ydelse` on the register with every code
    /// replaced by its hovedydelse (money still prices each day by its own code, see `netSpending`).
    private func evaluateByMainBenefit(_ query: KPIQuery) -> KPIResult {
        var result = KPIEngine(register.byMainBenefit, prices: prices, shards: shards, persons: persons).evaluate(
            query.askingMainBenefitAsBenefit)
        result.query = query
        return result
    }

    private func sweep(_ acc: inout Accumulator, _ shard: Shard) {
        switch acc.query.measure {
        case .fuldtidspersoner, .personer: benefitDays(&acc, shard)
        case .fuldtidsaktiverede, .andel_virksomhedsrettet: activityDays(&acc, shard)
        case .tilgang, .afgang, .varighed, .varighed_median, .selvforsoergelse: spells(&acc, shard)
        case .effekt, .effekt_personer: effect(&acc, shard)
        case .startede_aktiviteter: startedActivities(&acc, shard)
        case .gengangere: repeatSickness(&acc, shard)
        case .andel_med_cv: cvShare(&acc, shard)
        case .andel_loennede_timer: paidHoursShare(&acc, shard)
        case .refusionstrin: refusionSteps(&acc, shard)
        case .nettoudgift: netSpending(&acc, shard)
        case .samtaler: conversations(&acc, shard)
        case .jobordrer, .stillinger, .formidlinger: jobOrders(&acc, shard)
        case .virksomhedsdaekning, .virksomhedsdaekning_personlig: companyCoverage(&acc, shard)
        case .sagsstamme: caseloads(&acc, shard)
        case .samtaleopfyldelse, .tilbudsrettidighed: contactDeadlines(&acc, shard)
        case .fastholdelse, .overgange: spellEnds(&acc, shard)
        case .screeninger: screenings(&acc, shard)
        case .placeringer: placements(&acc, shard)
        case .puljeresultat: poolResults(&acc, shard)
        case .budgetforbrug: preconditionFailure("budgetforbrug divides nettoudgift by the budget")
        }
    }
}

/// One of `count` equal parts of what a sweep walks (persons, companies or rows).
/// Sweeps over persons split by person, so a person's rows all land in one part and
/// distinct-person counts add up across parts.
struct Shard: Sendable {
    let index: Int
    let count: Int
    /// The persons a sweep of some persons walks (``KPIEngine/persons``).
    var only: [Int32]? = nil

    /// This part of `0 ..< n`.
    func range(of n: Int) -> Range<Int> { range(0..<n) }

    /// This part of the persons `0 ..< n`, or of ``only`` in a sweep of some persons.
    func persons(_ n: Int) -> PersonPart { PersonPart(places: range(of: only?.count ?? n), only: only) }

    /// A shard's persons: indices, or places in a list of them.
    struct PersonPart: Sequence, IteratorProtocol {
        var places: Range<Int>
        let only: [Int32]?

        mutating func next() -> Int? {
            guard let place = places.popFirst() else { return nil }
            return only.map { Int($0[place]) } ?? place
        }
    }

    /// This part of `whole`.
    func range(_ whole: Range<Int>) -> Range<Int> {
        let n = whole.count
        return (whole.lowerBound + n * index / count)..<(whole.lowerBound + n * (index + 1) / count)
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

/// `day` plus `months` calendar months, clamped to the month's last day.
@inline(__always)
func adding(months: Int, to day: Int32) -> Int32 { Day(ordinal: day).adding(months: months).ordinal }
