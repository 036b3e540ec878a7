import IndsatsCore

/// A dimension a measure can be split (`--opdel`) or filtered (`--filter`) by.
public enum Dimension: String, CaseIterable, Sendable {
    case ydelse, kommune, koen, aldersgruppe, type, indsats, enhed, maalgruppe
    case afgang, status, antal, branche, medarbejder, afholdt_af, trin, team, til_ydelse
    case gruppe, forslag, afvigelse, varighedsgruppe, hovedydelse, pulje

    /// The case's place in ``allCases``, for tables indexed by dimension.
    var ordinal: Int {
        switch self {
        case .ydelse: 0
        case .kommune: 1
        case .koen: 2
        case .aldersgruppe: 3
        case .type: 4
        case .indsats: 5
        case .enhed: 6
        case .maalgruppe: 7
        case .afgang: 8
        case .status: 9
        case .antal: 10
        case .branche: 11
        case .medarbejder: 12
        case .afholdt_af: 13
        case .trin: 14
        case .team: 15
        case .til_ydelse: 16
        case .gruppe: 17
        case .forslag: 18
        case .afvigelse: 19
        case .varighedsgruppe: 20
        case .hovedydelse: 21
        case .pulje: 22
        }
    }
}

/// The measures of docs/noegletal.md, by the names the command line and API use.
public enum Measure: String, CaseIterable, Sendable {
    case fuldtidspersoner, fuldtidsaktiverede, personer
    case tilgang, afgang, varighed, varighed_median
    case effekt, selvforsoergelse, gengangere, virksomhedsdaekning, samtaler, andel_med_cv
    case jobordrer, stillinger, formidlinger
    case andel_virksomhedsrettet, andel_loennede_timer, refusionstrin, nettoudgift, startede_aktiviteter
    case sagsstamme, samtaleopfyldelse, tilbudsrettidighed, fastholdelse, overgange, screeninger
    case virksomhedsdaekning_personlig, placeringer, effekt_personer, puljeresultat, budgetforbrug

    /// The dimensions the measure can be split and filtered by.
    public var dimensions: [Dimension] {
        switch self {
        case .fuldtidspersoner, .personer: return [.ydelse, .hovedydelse, .kommune, .koen, .aldersgruppe]
        case .fuldtidsaktiverede, .startede_aktiviteter: return [.type, .indsats, .enhed, .maalgruppe]
        case .tilgang, .varighed, .varighed_median: return [.ydelse, .hovedydelse, .koen, .aldersgruppe]
        case .andel_loennede_timer: return [.ydelse, .hovedydelse]
        case .afgang: return [.ydelse, .hovedydelse, .afgang, .enhed, .medarbejder, .koen, .aldersgruppe, .varighedsgruppe]
        case .andel_med_cv: return [.ydelse, .hovedydelse, .enhed, .medarbejder]
        case .effekt, .effekt_personer: return [.type, .indsats, .maalgruppe, .status]
        case .selvforsoergelse: return [.ydelse, .hovedydelse, .status]
        case .gengangere: return [.antal]
        case .virksomhedsdaekning, .virksomhedsdaekning_personlig: return [.enhed, .branche]
        case .samtaler: return [.type, .enhed, .medarbejder, .afholdt_af]
        case .jobordrer, .stillinger, .formidlinger: return [.enhed]
        case .andel_virksomhedsrettet: return [.maalgruppe]
        case .refusionstrin, .nettoudgift: return [.ydelse, .hovedydelse, .trin]
        case .sagsstamme: return [.medarbejder, .enhed, .team, .ydelse, .hovedydelse]
        case .samtaleopfyldelse, .tilbudsrettidighed: return [.ydelse, .hovedydelse, .enhed, .medarbejder]
        case .fastholdelse: return [.ydelse, .hovedydelse, .afgang]
        case .overgange: return [.ydelse, .hovedydelse, .til_ydelse]
        case .screeninger: return [.gruppe, .forslag, .afvigelse, .enhed]
        case .placeringer: return [.enhed, .branche, .ydelse, .hovedydelse]
        case .puljeresultat: return [.pulje]
        case .budgetforbrug: return [.ydelse, .hovedydelse]
        }
    }

    /// The rows the measure reads. Persons are made from the rows that name them
    /// when `.persons` is left out, so a measure without person attributes skips them.
    public var registerParts: RegisterParts {
        switch self {
        case .fuldtidspersoner, .personer: return [.persons, .benefits]
        case .andel_med_cv: return [.persons, .benefits, .cvUpdates]
        case .tilgang, .afgang, .varighed, .varighed_median: return [.persons, .benefits]
        case .selvforsoergelse, .gengangere, .refusionstrin, .nettoudgift: return [.benefits]
        case .fuldtidsaktiverede, .andel_virksomhedsrettet, .effekt, .effekt_personer, .andel_loennede_timer, .startede_aktiviteter:
            return [.benefits, .activities]
        case .samtaler: return [.conversations]
        case .jobordrer, .stillinger, .formidlinger: return [.jobOrders]
        case .virksomhedsdaekning, .virksomhedsdaekning_personlig: return [.companies, .contacts]
        case .sagsstamme: return [.benefits, .assignments, .caseworkers]
        case .samtaleopfyldelse: return [.benefits, .conversations, .assignments, .caseworkers, .contactRules]
        case .tilbudsrettidighed: return [.benefits, .activities, .assignments, .caseworkers, .contactRules]
        case .screeninger: return [.screenings, .caseworkers]
        case .fastholdelse, .overgange: return [.benefits]
        case .placeringer: return [.placements, .jobOrders, .companies, .benefits]
        case .puljeresultat: return [.pools, .benefits, .activities]
        case .budgetforbrug: return [.benefits, .budgets]
        }
    }

    /// The parts whose rows count for a period's figure only up to the period's last day, the
    /// figure being the same in any window that holds the period: a change to those rows dated
    /// D or later leaves every period that ends before D as it was (``DatedChange``).
    /// Conversations count so for the conversations held in P, the windows of the contact rules
    /// ending in P, and who has a person on a day of P (the latest conversation on or before it).
    /// `DatedChangeTests` proves each against a computation of the whole window.
    var readsUpToPeriodEnd: RegisterParts {
        switch self {
        case .samtaler, .samtaleopfyldelse, .afgang, .andel_med_cv: [.conversations]
        default: []
        }
    }

    /// Whether a published cell is the engine's own answer for its period in any window that holds
    /// the period, so a role that sees every number may be given it (``PublishedMeasure/unhidden(_:)``).
    /// Not so where the window's end counts: the status months after a spell or an activity is
    /// counted only when its day is within the window (`selvforsoergelse`, `fastholdelse`, `effekt`,
    /// `effekt_personer`); a pool's result is over the whole window; the refusion staircase's notes
    /// of unpriced days and a short history are the window's. Nor where a group is shown for an
    /// order with no positions or none filled, which a cell cannot tell from no order (`stillinger`,
    /// `formidlinger`). `UnhiddenSliceTests` proves the rest against the engine.
    var cellsStandAlone: Bool {
        switch self {
        case .selvforsoergelse, .fastholdelse, .effekt, .effekt_personer, .puljeresultat, .refusionstrin, .nettoudgift,
            .budgetforbrug, .stillinger, .formidlinger:
            false
        default: true
        }
    }

    /// Whether every cell is a count or a share summed person by person, each person's part read
    /// from their own rows (and the register's common lists) alone, and the sweep walks persons
    /// (``KPIEngine/persons``): an answer is then corrected after an import by taking the touched
    /// persons' old part out and their new part in (``KPIResult/replacingPart(_:with:)``).
    /// `PersonPartTests` proves each against the engine on the changed register.
    var addsUpByPerson: Bool {
        switch self {
        case .afgang, .andel_med_cv, .samtaleopfyldelse: true
        default: false
        }
    }

    /// Whether every cell counts rows of a part sorted by day, each row in the period of its own
    /// day: after an import that changed rows only from some day on, an answer is corrected by
    /// taking the rows from that day out and the new ones in (``KPIQuery/changedParts(of:after:old:fresh:prices:personLimit:)``).
    /// `PersonPartTests` proves it against the engine on the changed register.
    var addsUpByRow: Bool { self == .samtaler }

    /// A cell's value with nothing in it: zero for counts, amounts and full-time figures; no value for a share or a mean.
    var emptyCellValue: Double? { isWholeCount || valueKind == .perDay ? 0 : nil }

    /// Whether queries that differ only in their split can share one sweep (``Accumulator``):
    /// not for measures whose sweep reads the split itself (activity days are merged per
    /// split group; company coverage by unit has its own denominator) or answers by another
    /// measure (budget use, pool results). KPIEngineBatchTests proves the others.
    var splitsShareOneSweep: Bool {
        switch self {
        case .fuldtidsaktiverede, .andel_virksomhedsrettet, .virksomhedsdaekning, .virksomhedsdaekning_personlig, .budgetforbrug,
            .puljeresultat:
            false
        default: true
        }
    }

    /// How a cell's value comes from what the sweep summed (see ``Accumulator``).
    var valueKind: ValueKind {
        switch self {
        case .fuldtidspersoner, .fuldtidsaktiverede, .refusionstrin: return .perDay
        case .personer, .sagsstamme: return .persons
        case .andel_med_cv, .andel_loennede_timer, .virksomhedsdaekning, .andel_virksomhedsrettet: return .share
        case .samtaleopfyldelse, .tilbudsrettidighed, .fastholdelse, .virksomhedsdaekning_personlig, .puljeresultat: return .share
        case .budgetforbrug: return .share
        case .varighed: return .mean
        case .varighed_median: return .median
        case .nettoudgift: return .amount
        default: return .count
        }
    }

    /// Whether the measure takes `--maaneder`.
    public var takesMonths: Bool { self == .effekt || self == .effekt_personer || self == .selvforsoergelse || self == .fastholdelse }

    /// Whether the value is a share in [0, 1].
    public var isShare: Bool { valueKind == .share }

    /// Whether the value is kroner, rounded to øre.
    public var isAmount: Bool { valueKind == .amount }

    /// Whether the value is a count of whole things (printed without decimals).
    public var isWholeCount: Bool { valueKind == .count || valueKind == .persons || valueKind == .amount }

    /// The Danish title shown beside a figure.
    public var title: String {
        switch self {
        case .fuldtidspersoner: return "Fuldtidspersoner"
        case .fuldtidsaktiverede: return "Fuldtidsaktiverede"
        case .personer: return "Personer"
        case .tilgang: return "Tilgang (nye forløb)"
        case .afgang: return "Afgang (afsluttede forløb)"
        case .varighed: return "Gennemsnitlig varighed i dage"
        case .varighed_median: return "Median varighed i dage"
        case .effekt: return "Effekt: status efter endt aktivitet"
        case .selvforsoergelse: return "Status efter endt forløb"
        case .gengangere: return "Gengangere på sygedagpenge"
        case .virksomhedsdaekning: return "Virksomhedsdækning"
        case .samtaler: return "Afholdte samtaler"
        case .andel_med_cv: return "Andel med CV"
        case .jobordrer: return "Jobordrer"
        case .stillinger: return "Stillinger i jobordrer"
        case .formidlinger: return "Formidlinger"
        case .andel_virksomhedsrettet: return "Andel virksomhedsrettet aktivering"
        case .andel_loennede_timer: return "Andel aktivitetsparate med lønnede timer"
        case .refusionstrin: return "Fuldtidspersoner pr. refusionstrin"
        case .nettoudgift: return "Skønnet kommunal nettoudgift til forsørgelse (kr.)"
        case .startede_aktiviteter: return "Startede aktiviteter"
        case .sagsstamme: return "Sagsstamme"
        case .samtaleopfyldelse: return "Samtaler til tiden (kontaktregler)"
        case .tilbudsrettidighed: return "Første tilbud til tiden"
        case .fastholdelse: return "Fastholdelse efter job eller uddannelse"
        case .overgange: return "Overgange fra afsluttede forløb"
        case .screeninger: return "Screeninger"
        case .virksomhedsdaekning_personlig: return "Virksomhedsdækning, personlig eller telefonisk"
        case .placeringer: return "Placeringer af borgere i jobordrer"
        case .effekt_personer: return "Effekt: personer efter status efter endt aktivitet"
        case .puljeresultat: return "Puljeresultat: andel af deltagerne i job (lønnede timer) eller uddannelse"
        case .budgetforbrug: return "Budgetforbrug: skønnet nettoudgift i forhold til budgettet"
        }
    }

    /// The definition in Danish, as published to users (docs/noegletal.md says the same).
    public var definition: String {
        switch self {
        case .fuldtidspersoner:
            return
                "Summen over personer af (dage på ydelsen i perioden) / (dage i perioden). En persons overlappende eller gentagne forløb på samme ydelse tæller hver dag én gang; en person på to ydelser tæller på begge."
        case .fuldtidsaktiverede:
            return
                "Det samme som fuldtidspersoner, men over aktivitetsperioder, opgjort pr. person og aktivitetstype. Målgruppen er ydelsen på aktivitetens første dag (det senest startede forløb), ellers ingen_ydelse."
        case .personer:
            return "Antal forskellige personer med mindst én dag på ydelsen i perioden."
        case .tilgang:
            return
                "Antal forløb, hvis første dag ligger i perioden. Et forløb er en kæde af en persons perioder på samme ydelse, hvor intet mellemrum rummer en hel kalendermåned. Aldersgruppen er alderen på forløbets første dag."
        case .afgang:
            return
                "Antal forløb, hvis sidste dag ligger i perioden (åbne forløb aldrig), opdelt på afgangsårsagen fra forløbets sidste periode. "
                + "Enhed og medarbejder er dem, der havde borgeren forløbets sidste dag (se Hvem har borgeren nederst). "
                + "Aldersgruppen er alderen på forløbets sidste dag; varighedsgruppen forløbets dage på ydelsen i uger (0-4 uger er højst 28 dage, 5-8 højst 56, 9-13 højst 91, 14-26 højst 182, 27-52 højst 364)."
        case .varighed:
            return
                "Gennemsnitligt antal dage på ydelsen i de forløb, som afgang tæller i perioden. Aldersgruppen er alderen på forløbets sidste dag."
        case .varighed_median:
            return
                "Median af antal dage på ydelsen i de forløb, som afgang tæller i perioden (ved lige antal: gennemsnittet af de to midterste). Aldersgruppen er alderen på forløbets sidste dag."
        case .effekt:
            return
                "Aktiviteter, hvis sidste dag ligger i perioden, efter personens status N måneder senere (--maaneder, standard 3): samme_ydelse, anden_ydelse, ellers afgangsårsagen job, uddannelse eller oevrig. Kun når statusdagen ligger senest på --til."
        case .selvforsoergelse:
            return
                "Forløb afsluttet i perioden efter personens status N måneder efter slutdagen (--maaneder, standard 3), med samme statusværdier som effekt."
        case .gengangere:
            return
                "På periodens sidste dag: personer på sygedagpenge, som har mindst 2 (også 3 og 4) sygeperioder, der er startet inden for de seneste 36 måneder. Overlappende eller tilstødende sygedagpengeperioder er én sygeperiode."
        case .virksomhedsdaekning:
            return "På periodens sidste dag: andelen af virksomheder med over 5 ansatte, som har haft en kontakt de seneste 365 dage."
        case .samtaler:
            return "Antal afholdte samtaler i perioden."
        case .andel_med_cv:
            return
                "På periodens sidste dag: andelen af personer på dagpenge eller kontanthjælp (jobparat), som har et CV: har personen rækker i cv_opdateringer.csv, en opdatering senest den dag, ellers cv_dato senest den dag. "
                + "Enhed og medarbejder er dem, der havde borgeren den dag (se Hvem har borgeren nederst)."
        case .jobordrer:
            return "Antal jobordrer oprettet i perioden."
        case .stillinger:
            return "Antal stillinger i jobordrer oprettet i perioden (tomt felt tæller 0)."
        case .formidlinger:
            return "Summen af besatte stillinger i jobordrer lukket i perioden."
        case .andel_virksomhedsrettet:
            return
                "Over aktiviteter, hvis målgruppe ikke er ingen_ydelse, og som er tilbud (virksomhedspraktik, løntilskud privat og offentlig, nytteindsats, vejledning og opkvalificering): fuldtidsaktiverede i virksomhedspraktik og løntilskud divideret med fuldtidsaktiverede i alle tilbuddene, som Jobindsats opgør virksomhedsrettet aktivering. Ordinære timer, mentor, efterværn, IGU og EGU er ikke tilbud og tæller hverken over eller under brøkstregen (ændret i datakontrakt version 2)."
        case .andel_loennede_timer:
            return
                "Personer med mindst én dag på en aktivitetsparat ydelse i perioden, som har en aktivitet med ordinære timer i perioden, divideret med alle personer med en sådan dag."
        case .refusionstrin:
            return
                "Fuldtidspersoner fordelt på refusionstrappens trin 1-4 (uger 1-4, 5-26, 27-52, over 52). Trappen starter forfra efter 52 uger uden ydelse inden for 156 uger. Selvforsørgende tæller ikke. Et skøn til planlægning; den endelige refusion opgøres centralt."
        case .startede_aktiviteter:
            return
                "Antal aktiviteter, hvis første dag ligger i perioden. Målgruppen er ydelsen på aktivitetens første dag (det senest startede forløb), ellers ingen_ydelse."
        case .sagsstamme:
            return
                "På periodens sidste dag D: personer på ydelse (et forløb, der ikke er selvforsørgende, dækker D), talt hos den ansvarlige sagsbehandler den dag: medarbejderen i personens tildeling (tildelinger.csv), der dækker D, ellers ukendt. Enhed og team er medarbejderens i medarbejdere.csv. Ydelsen er den på D: det senest startede forløb, der dækker D (ved samme start den alfabetisk sidste kode)."
        case .samtaleopfyldelse:
            return
                "Forløb, hvis ydelse har en kontaktregel i kraft på forløbets første dag s. Vinduet er s til s + reglens måneder − 1 dag. Et forløb er forfaldent i perioden, når vinduets sidste dag ligger i perioden, og forløbet varer mindst til den dag (åbne forløb tæller). Det er opfyldt, når personen har mindst reglens antal samtaler dateret i vinduet (kræver reglen afholdt_af = kommune, tæller kun samtaler afholdt af kommunen eller uden angivelse). Værdien er opfyldte / forfaldne. Enhed og medarbejder er den ansvarlige sagsbehandlers på vinduets sidste dag."
        case .tilbudsrettidighed:
            return
                "Forløb, hvis kontaktregel i kraft på forløbets første dag s har en tilbudsfrist på t måneder; fristen T er s + t måneder − 1 dag. Forfaldent i perioden, når T ligger i perioden, og forløbet varer mindst til T. Til tiden, når personen har en aktivitet af en tilbudstype (virksomhedspraktik, løntilskud privat eller offentlig, nytteindsats, vejledning og opkvalificering), der starter fra s til T. Værdien er til tiden / forfaldne. Enhed og medarbejder er den ansvarlige sagsbehandlers på T."
        case .fastholdelse:
            return
                "Forløb afsluttet med afgang job eller uddannelse, hvis sidste dag e ligger i perioden, og hvor e + N måneder ligger senest på --til (N = --maaneder, standard 3). Fastholdt, når personen ikke er på ydelse nogen dag fra e + 1 til e + N måneder. Værdien er fastholdte / talte."
        case .virksomhedsdaekning_personlig:
            return
                "Som virksomhedsdækning, men kun kontakter med kanal personligt eller telefon (seed 002: \"personligt eller telefonisk\"): på periodens sidste dag andelen af virksomheder med over 5 ansatte, som har haft sådan en kontakt de seneste 365 dage."
        case .screeninger:
            return
                "Screeninger dateret i perioden, efter gruppe (1-3), forslag (intet, når der ikke var et), afvigelse (ja, når der var et forslag, og gruppen afviger fra det) og enhed (screeningens medarbejders enhed i medarbejdere.csv)."
        case .overgange:
            return
                "Forløb, hvis sidste dag e ligger i perioden (åbne forløb aldrig), talt efter ydelsen dagen efter (til_ydelse): det senest startede forløb, der dækker e + 1 (ved samme start den alfabetisk sidste kode), ellers ingen_ydelse. Et skift fra aktivitetsparat til jobparat er en overgang, ikke en afgang fra systemet."
        case .effekt_personer:
            return
                "Som effekt, men hver person tælles én gang pr. aktivitetstype, indsats, målgruppe og periode: ved sin senest sluttende af de aktiviteter, effekt tæller (ved samme slutdag den med det største aktivitet_id), og med dens status. Seed 002's effekttabel tæller personer."
        case .puljeresultat:
            return
                "For hver pulje og deltager: vinduet V fra den seneste af deltagerens og puljens fra-dato til den tidligste af deres til-datoer (åben til = puljens til). Opnået, når deltagerens aktiviteter med ordinære timer dækker mindst 30 dage af V (dage tælles én gang), eller når et forløb slutter med afgang uddannelse en dag e i V, og personen ikke er på ydelse nogen dag fra e + 1 til e + 30. Værdien er opnåede / deltagere; perioden er altid hele."
        case .budgetforbrug:
            return
                "Nettoudgiften (som nettoudgift) for ydelsen i perioden divideret med ydelsens budget for periodens år × periodens dage / årets dage (går perioden over et årsskifte, lægges årenes dele sammen). Uden opdeling: nettoudgiften for ydelserne med budget divideret med deres budget. En ydelse uden budget for perioden har ingen værdi."
        case .placeringer:
            return
                "Rækker i formidlinger.csv (en borger placeret i en jobordre) dateret i perioden. Enhed er jobordrens, branche dens virksomheds, ydelse borgerens ydelse på placeringsdagen: det senest startede forløb, der dækker dagen (ved samme start den alfabetisk sidste kode), ellers ingen_ydelse."
        case .nettoudgift:
            return
                "Et skøn: summen over personer og dage på ydelsen i perioden af dagens bruttosats (månedssatsen × 12 / årets dage) gange kommunens andel på dagens refusionstrin (som i refusionstrin). Satser og refusionsregler er daterede referencedata (indsats satser). Dage på en ydelse uden sats eller før første refusionsregel regnes ikke med, og svaret siger hvilke dage (og hvor mange, hvor tallene må vises). Begynder registrets ydelseshistorik efter refusionsreformen (04-01-2016) og under 156 uger før perioden, siger svaret også det: trinnet kan da være for lavt. Den endelige refusion opgøres centralt."
        }
    }
}

/// How a measure's cell turns into its value.
enum ValueKind {
    /// Summed days / days in the period.
    case perDay
    /// Distinct persons.
    case persons
    /// A summed count.
    case count
    /// Numerator / denominator, absent when the denominator is 0.
    case share
    /// Mean or median of collected samples, absent when there are none.
    case mean, median
    /// A summed amount of money (kroner).
    case amount
}

/// Age groups of docs/noegletal.md, by age on the first day of the reporting period.
enum AgeGroup {
    static let unknown = "ukendt"
    static let labels = ["under_16", "16-24", "25-29", "30-39", "40-49", "50-59", "60+", unknown]

    /// Index into ``labels``.
    static func index(birth: Int32, on day: Day) -> Int32 {
        guard birth != Register.unknownDay else { return Int32(labels.count - 1) }
        let b = Day(ordinal: birth).components, d = day.components
        var age = d.year - b.year
        if (d.month, d.day) < (b.month, b.day) { age -= 1 }
        switch age {
        case ..<16: return 0
        case 16...24: return 1
        case 25...29: return 2
        case 30...39: return 3
        case 40...49: return 4
        case 50...59: return 5
        default: return 6
        }
    }

    /// The first age of each group after the first.
    static let firstAges = [16, 25, 30, 40, 50, 60]

    /// ``index(birth:on:)`` for one day as a few comparisons: the latest birthday of each
    /// group's first age on `day` (the same day that many years back, the 28th for a 29
    /// February in a common year), so sweeps do not turn every birth into a calendar date.
    ///
    /// ```swift
    /// let cutoffs = AgeGroup.Cutoffs(on: periodStart)
    /// cutoffs.index(birth: birth) == AgeGroup.index(birth: birth, on: periodStart)   // always
    /// ```
    struct Cutoffs: Sendable {
        /// Latest birth of each age in ``firstAges``: oldest first, so they fall.
        let latestBirth: [Int32]

        init(on day: Day) { latestBirth = AgeGroup.firstAges.map { day.adding(months: -12 * $0).ordinal } }

        @inline(__always)
        func index(birth: Int32) -> Int32 {
            guard birth != Register.unknownDay else { return Int32(AgeGroup.labels.count - 1) }
            var group: Int32 = 0
            for latest in latestBirth where birth <= latest { group += 1 }
            return group
        }
    }
}

/// `varighedsgruppe`: a spell's days on the ydelse (as `varighed` counts them) in weeks.
enum DurationGroup {
    static let labels = ["0-4 uger", "5-8 uger", "9-13 uger", "14-26 uger", "27-52 uger", "over 52 uger"]
    /// The upper bound in days of each group but the last.
    static let limits: [Int64] = [28, 56, 91, 182, 364]

    /// Index into ``labels``.
    static func index(days: Int64) -> Int32 { Int32(limits.firstIndex { days <= $0 } ?? limits.count) }
}

/// The statuses of `effekt` and `selvforsoergelse`, in their order of precedence.
enum Status: Int32, CaseIterable {
    case samme_ydelse, anden_ydelse, job, uddannelse, oevrig
    static let labels = allCases.map { "\($0)" }
}

/// The screening dimensions' fixed values: groups 1-3, the advice (or none) and whether the decision overrides it.
enum ScreeningLabels {
    static let groups = ["1", "2", "3"]
    static let advice = ["1", "2", "3", "intet"]
    static let overrides = ["ja", "nej"]
}

/// The thresholds of `gengangere`: at least 2, 3 or 4 sickness periods.
enum RepeatCount {
    static let labels = ["mindst_2", "mindst_3", "mindst_4"]
}

/// The steps of the refusion staircase.
enum RefusionStep {
    static let labels = ["1", "2", "3", "4"]
}
