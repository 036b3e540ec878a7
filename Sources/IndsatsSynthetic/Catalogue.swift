import IndsatsCore

/// The fixed parts of the synthetic municipality: units, initiatives, and how
/// each benefit behaves (durations, exits, transitions, offers). Loosely
/// calibrated to the seeds (Høje-Taastrup's nytteindsats, Aalborg's units).
enum Catalogue {
    static let municipality = "169"
    static let neighbours = ["151", "153", "183", "185", "187"]
    static let lawChange = Day(year: 2025, month: 7, day: 1)!

    static let units = ["Jobservice", "Job og Afklaring", "Ungeenheden", "Sygedagpenge", "Integration", "Virksomhedsservice"]

    /// The unit that holds conversations for a benefit.
    static func unit(for benefit: String) -> String {
        switch benefit {
        case "dagpenge", "kontanthjaelp_jobparat", "selvforsoergende": return "Jobservice"
        case "uddannelseshjaelp_uddannelsesparat", "uddannelseshjaelp_aktivitetsparat": return "Ungeenheden"
        case "sygedagpenge": return "Sygedagpenge"
        case "integrationsydelse": return "Integration"
        default: return "Job og Afklaring"
        }
    }

    struct InitiativeSpec {
        var id: String, name: String, type: String, unit: String, places: Int
        var start: Day? = nil, end: Day? = nil, proposal: String? = nil, weight: Double = 1
    }

    static func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    /// About 40 initiatives; each activity type has a standing one and some projects.
    static let initiatives: [InitiativeSpec] = [
        .init(id: "NYT-JOF", name: "Nytteindsats – Job og Fremtid", type: "nytteindsats", unit: "Job og Fremtid", places: 35, weight: 24.5),
        .init(id: "NYT-ENK", name: "Nytteindsats – enkeltpladser", type: "nytteindsats", unit: "Jobservice", places: 6, weight: 1.8),
        .init(
            id: "VP-PRIV", name: "Virksomhedspraktik, private virksomheder", type: "virksomhedspraktik", unit: "Virksomhedsservice",
            places: 120, weight: 5),
        .init(
            id: "VP-OFF", name: "Virksomhedspraktik, kommunale arbejdspladser", type: "virksomhedspraktik", unit: "Virksomhedsservice",
            places: 60, weight: 3),
        .init(
            id: "VP-UNG", name: "Brobygning til uddannelse via praktik", type: "virksomhedspraktik", unit: "Ungeenheden", places: 30,
            weight: 1.5),
        .init(
            id: "VP-INT", name: "Praktik for flygtninge (sprog og job)", type: "virksomhedspraktik", unit: "Integration", places: 40,
            weight: 1.5),
        .init(
            id: "FSM2", name: "Flere skal med 2", type: "virksomhedspraktik", unit: "Job og Afklaring", places: 50, start: d(2019, 3, 1),
            end: d(2022, 2, 28), weight: 1.5),
        .init(
            id: "JOBBRO", name: "Jobbroen – virksomhedsnære forløb", type: "virksomhedspraktik", unit: "Job og Afklaring", places: 25,
            start: d(2021, 1, 1), proposal: "UE 08", weight: 1),
        .init(id: "LT-PRIV", name: "Løntilskud, private virksomheder", type: "loentilskud_privat", unit: "Virksomhedsservice", places: 40),
        .init(
            id: "LT-PRIV-SEN", name: "Seniorjob og løntilskud 50+", type: "loentilskud_privat", unit: "Jobservice", places: 15,
            start: d(2022, 1, 1), weight: 0.4),
        .init(
            id: "LT-OFF", name: "Løntilskud, offentlige arbejdspladser", type: "loentilskud_offentlig", unit: "Virksomhedsservice",
            places: 30),
        .init(
            id: "LT-OFF-FLEKS", name: "Løntilskud for ledighedsydelsesmodtagere", type: "loentilskud_offentlig", unit: "Job og Afklaring",
            places: 10, weight: 0.4),
        .init(
            id: "SMAAJOB", name: "Småjobs – ordinære timer", type: "ordinaere_timer", unit: "Virksomhedsservice", places: 80,
            proposal: "JC 09"),
        .init(id: "SMAAJOB-UNG", name: "Fritidsjob for unge", type: "ordinaere_timer", unit: "Ungeenheden", places: 20, weight: 0.4),
        .init(
            id: "TIMER-INT", name: "Timer i virksomheder for integrationsborgere", type: "ordinaere_timer", unit: "Integration", places: 20,
            weight: 0.4),
        .init(
            id: "VEJL-JOF", name: "Job og Fremtid – afklaring", type: "vejledning_opkvalificering", unit: "Job og Fremtid", places: 60,
            weight: 3),
        .init(
            id: "VEJL-AMU", name: "AMU-kurser og certifikater", type: "vejledning_opkvalificering", unit: "Jobservice", places: 40,
            weight: 2),
        .init(
            id: "VEJL-SPROG", name: "Danskundervisning og jobrettet sprog", type: "vejledning_opkvalificering", unit: "Integration",
            places: 50, weight: 1.5),
        .init(id: "VEJL-UNG", name: "Ungeværkstedet", type: "vejledning_opkvalificering", unit: "Ungeenheden", places: 30, weight: 1.5),
        .init(
            id: "TRANSIT", name: "Transit – forberedelse til uddannelse", type: "vejledning_opkvalificering", unit: "Ungeenheden",
            places: 24, start: d(2020, 8, 1), proposal: "BIC 01", weight: 1),
        .init(
            id: "SYG-TIDLIG", name: "Tidlig indsats for sygemeldte", type: "vejledning_opkvalificering", unit: "Sygedagpenge", places: 30,
            proposal: "CEB 03", weight: 1),
        .init(
            id: "SYG-GRAD", name: "Gradvis tilbagevenden", type: "vejledning_opkvalificering", unit: "Sygedagpenge", places: 30, weight: 0.8
        ),
        .init(
            id: "RESS-AFKL", name: "Afklaring i ressourceforløb", type: "vejledning_opkvalificering", unit: "Job og Afklaring", places: 30,
            weight: 1),
        .init(
            id: "IT-DIGI", name: "Digitale kompetencer", type: "vejledning_opkvalificering", unit: "Jobservice", places: 15,
            start: d(2021, 3, 1), end: d(2023, 12, 31), weight: 0.5),
        .init(id: "JOBSOEG", name: "Jobsøgningskursus", type: "vejledning_opkvalificering", unit: "Jobservice", places: 25, weight: 1),
        .init(
            id: "MENTOR", name: "Mentorkorps – håndholdt indsats", type: "mentor", unit: "Job og Afklaring", places: 60, proposal: "JC 08",
            weight: 3),
        .init(id: "MENTOR-UNG", name: "Ungementor", type: "mentor", unit: "Ungeenheden", places: 30, weight: 1.5),
        .init(id: "MENTOR-VIRK", name: "Virksomhedsmentor", type: "mentor", unit: "Virksomhedsservice", places: 20, weight: 1),
        .init(id: "MENTOR-INT", name: "Brobyggere i boligområderne", type: "mentor", unit: "Integration", places: 20, weight: 1),
        .init(
            id: "EFTV-JOB", name: "Efterværn efter job", type: "eftervaern", unit: "Jobservice", places: 40, proposal: "BIC 02", weight: 2),
        .init(id: "EFTV-UDD", name: "Efterværn efter uddannelsesstart", type: "eftervaern", unit: "Ungeenheden", places: 30, weight: 1.5),
        .init(id: "EFTV-INT", name: "Efterværn for nyansatte flygtninge", type: "eftervaern", unit: "Integration", places: 15, weight: 0.5),
        .init(id: "IGU", name: "Integrationsgrunduddannelse", type: "igu", unit: "Integration", places: 25),
        .init(id: "EGU", name: "Erhvervsgrunduddannelse", type: "egu", unit: "Ungeenheden", places: 20),
        .init(
            id: "BYG-ALLIANCE", name: "Byggeriets rekrutteringsalliance", type: "virksomhedspraktik", unit: "Virksomhedsservice",
            places: 20, start: d(2022, 4, 1), proposal: "CEB 06A", weight: 0.8),
        .init(
            id: "SOSU-VEJ", name: "Vejen til SOSU", type: "vejledning_opkvalificering", unit: "Jobservice", places: 20,
            start: d(2020, 1, 1), weight: 0.7),
        .init(
            id: "TRANSPORT", name: "Chauffør- og lagerjob", type: "vejledning_opkvalificering", unit: "Jobservice", places: 15, weight: 0.6),
        .init(
            id: "HOTEL-REST", name: "Hotel og restauration – branchepakke", type: "virksomhedspraktik", unit: "Virksomhedsservice",
            places: 15, weight: 0.6),
        .init(
            id: "SENIOR", name: "Seniorindsats 55+", type: "vejledning_opkvalificering", unit: "Jobservice", places: 20,
            start: d(2023, 1, 1), weight: 0.5),
        .init(
            id: "HELBRED", name: "Helbred og beskæftigelse", type: "mentor", unit: "Sygedagpenge", places: 20, start: d(2021, 6, 1),
            weight: 0.8),
    ]

    struct BenefitSpec {
        var meanDays: Double
        /// Weights of exit reasons.
        var exits: [(String, Double)]
        /// Where `anden_ydelse` leads.
        var next: [(String, Double)]
        /// Chance that a period has offers, and the weights of offer types.
        var offerChance: Double
        var offers: [(String, Double)]
    }

    static let benefits: [String: BenefitSpec] = [
        "dagpenge": .init(
            meanDays: 120, exits: [("job", 70), ("uddannelse", 5), ("anden_ydelse", 10), ("flytning", 3), ("ukendt", 12)],
            next: [("kontanthjaelp_jobparat", 70), ("sygedagpenge", 30)], offerChance: 0.35,
            offers: [
                ("virksomhedspraktik", 25), ("loentilskud_privat", 15), ("loentilskud_offentlig", 10), ("vejledning_opkvalificering", 35),
                ("nytteindsats", 4), ("ordinaere_timer", 10),
            ]),
        "kontanthjaelp_jobparat": .init(
            meanDays: 200, exits: [("job", 40), ("uddannelse", 10), ("anden_ydelse", 25), ("flytning", 5), ("ukendt", 20)],
            next: [("kontanthjaelp_aktivitetsparat", 50), ("sygedagpenge", 30), ("dagpenge", 20)], offerChance: 0.55,
            offers: [
                ("virksomhedspraktik", 25), ("loentilskud_privat", 5), ("loentilskud_offentlig", 5), ("nytteindsats", 22),
                ("vejledning_opkvalificering", 20), ("ordinaere_timer", 15),
            ]),
        "kontanthjaelp_aktivitetsparat": .init(
            meanDays: 500,
            exits: [("job", 12), ("uddannelse", 5), ("anden_ydelse", 45), ("flytning", 5), ("pension", 5), ("doed", 1), ("ukendt", 27)],
            next: [("ressourceforloeb", 40), ("kontanthjaelp_jobparat", 30), ("sygedagpenge", 30)], offerChance: 0.5,
            offers: [
                ("virksomhedspraktik", 30), ("mentor", 20), ("vejledning_opkvalificering", 30), ("ordinaere_timer", 15),
                ("nytteindsats", 3),
            ]),
        "uddannelseshjaelp_uddannelsesparat": .init(
            meanDays: 150, exits: [("job", 25), ("uddannelse", 45), ("anden_ydelse", 15), ("flytning", 5), ("ukendt", 10)],
            next: [("uddannelseshjaelp_aktivitetsparat", 60), ("sygedagpenge", 40)], offerChance: 0.6,
            offers: [
                ("virksomhedspraktik", 20), ("nytteindsats", 30), ("vejledning_opkvalificering", 25), ("ordinaere_timer", 10), ("egu", 5),
            ]),
        "uddannelseshjaelp_aktivitetsparat": .init(
            meanDays: 400, exits: [("job", 10), ("uddannelse", 20), ("anden_ydelse", 45), ("flytning", 5), ("ukendt", 20)],
            next: [("uddannelseshjaelp_uddannelsesparat", 50), ("ressourceforloeb", 50)], offerChance: 0.5,
            offers: [("virksomhedspraktik", 25), ("mentor", 30), ("vejledning_opkvalificering", 35), ("egu", 10), ("nytteindsats", 2)]),
        "sygedagpenge": .init(
            meanDays: 70, exits: [("job", 75), ("anden_ydelse", 20), ("ukendt", 5)],
            next: [("jobafklaring", 60), ("kontanthjaelp_aktivitetsparat", 20), ("dagpenge", 20)], offerChance: 0.15,
            offers: [("virksomhedspraktik", 50), ("vejledning_opkvalificering", 30), ("mentor", 20)]),
        "jobafklaring": .init(
            meanDays: 400, exits: [("job", 25), ("anden_ydelse", 60), ("ukendt", 15)],
            next: [("ressourceforloeb", 40), ("foertidspension", 15), ("ledighedsydelse", 25), ("kontanthjaelp_aktivitetsparat", 20)],
            offerChance: 0.5,
            offers: [("virksomhedspraktik", 45), ("vejledning_opkvalificering", 30), ("mentor", 25)]),
        "ressourceforloeb": .init(
            meanDays: 700, exits: [("job", 5), ("anden_ydelse", 70), ("ukendt", 25)],
            next: [("foertidspension", 50), ("ledighedsydelse", 30), ("kontanthjaelp_aktivitetsparat", 20)], offerChance: 0.7,
            offers: [("virksomhedspraktik", 35), ("mentor", 40), ("vejledning_opkvalificering", 25)]),
        "ledighedsydelse": .init(
            meanDays: 250, exits: [("job", 60), ("anden_ydelse", 15), ("ukendt", 25)],
            next: [("foertidspension", 50), ("sygedagpenge", 50)], offerChance: 0.4,
            offers: [("virksomhedspraktik", 50), ("loentilskud_offentlig", 20), ("vejledning_opkvalificering", 30)]),
        "revalidering": .init(
            meanDays: 365, exits: [("job", 50), ("uddannelse", 20), ("anden_ydelse", 15), ("ukendt", 15)],
            next: [("kontanthjaelp_jobparat", 50), ("ledighedsydelse", 50)], offerChance: 0.6,
            offers: [("virksomhedspraktik", 30), ("vejledning_opkvalificering", 50), ("loentilskud_privat", 20)]),
        "foertidspension": .init(meanDays: .infinity, exits: [("pension", 1)], next: [], offerChance: 0, offers: []),
        "integrationsydelse": .init(
            meanDays: 600, exits: [("job", 30), ("uddannelse", 15), ("anden_ydelse", 35), ("flytning", 10), ("ukendt", 10)],
            next: [("kontanthjaelp_jobparat", 50), ("kontanthjaelp_aktivitetsparat", 50)], offerChance: 0.8,
            offers: [
                ("virksomhedspraktik", 40), ("igu", 15), ("vejledning_opkvalificering", 30), ("ordinaere_timer", 10), ("nytteindsats", 2),
            ]),
        "selvforsoergende": .init(
            meanDays: 60, exits: [("job", 50), ("ukendt", 50)], next: [], offerChance: 0.1,
            offers: [("vejledning_opkvalificering", 70), ("nytteindsats", 30)]),
    ]

    /// Which benefit a new spell starts on, by age.
    static func firstBenefit(age: Int) -> [(String, Double)] {
        age < 30
            ? [
                ("uddannelseshjaelp_uddannelsesparat", 30), ("uddannelseshjaelp_aktivitetsparat", 12), ("dagpenge", 20),
                ("sygedagpenge", 15),
                ("kontanthjaelp_jobparat", 3), ("integrationsydelse", 5), ("revalidering", 1), ("selvforsoergende", 2),
            ]
            : [
                ("dagpenge", 30), ("kontanthjaelp_jobparat", 12), ("kontanthjaelp_aktivitetsparat", 12), ("sygedagpenge", 28),
                ("jobafklaring", 2), ("ressourceforloeb", 3), ("ledighedsydelse", 4), ("revalidering", 1), ("foertidspension", 1.5),
                ("integrationsydelse", 4), ("selvforsoergende", 2),
            ]
    }

    /// Benefits that ceased on 2025-07-01 and what replaced them.
    static func successor(of benefit: String) -> String? {
        switch benefit {
        case "uddannelseshjaelp_uddannelsesparat", "integrationsydelse": return "kontanthjaelp_jobparat"
        case "uddannelseshjaelp_aktivitetsparat": return "kontanthjaelp_aktivitetsparat"
        default: return nil
        }
    }

    /// Mean and longest duration in days of an offer type.
    static func offerDuration(_ type: String) -> (mean: Double, max: Int) {
        switch type {
        case "virksomhedspraktik": return (45, 91)
        case "loentilskud_privat", "loentilskud_offentlig": return (150, 182)
        case "nytteindsats": return (45, 91)
        case "vejledning_opkvalificering": return (40, 120)
        case "ordinaere_timer", "mentor": return (120, 365)
        default: return (300, 730)
        }
    }

    static let firstNames = [
        "Anne", "Mette", "Hanne", "Lone", "Sofie", "Ida", "Fatima", "Peter", "Jens", "Lars", "Mads", "Ahmad", "Søren", "Jørgen", "Åse",
        "Bjørn",
    ]
    static let lastNames = [
        "Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Østergaard",
        "Kjær",
    ]
    static let industries = [
        "Bygge og anlæg", "Industri", "Handel", "Transport", "Hotel og restauration", "Sundhed og socialvæsen",
        "Offentlig administration", "Rengøring", "Landbrug", "Information og kommunikation",
    ]
    static let companyWords = [
        "Taastrup", "Hedehusene", "Nordic", "Sjællands", "Fremtid", "Østergaard", "Kronborg", "Vestegnens", "Brøndby", "Ågade",
    ]
    static let companySuffixes = [
        "Byg ApS", "Transport A/S", "Rengøring ApS", "Service A/S", "Handel ApS", "Pleje I/S", "Køkken ApS", "Logistik A/S",
    ]

    /// The grant pool of seed 002, "Flere skal med 2": 2,96 mio. kr. in instalments, the second half
    /// released by the share of the target group in paid hours or education for over a month
    /// (thresholds as in STAR's pool text, kept as the pool's own data).
    static func pool(endingBefore year: Int) -> (pool: GrantPool, instalments: [PoolInstalment]) {
        let pool = GrantPool(
            id: "FSM2", name: "Flere skal med 2", from: Day(year: year - 2, month: 1, day: 1)!,
            to: Day(year: year - 1, month: 12, day: 31)!,
            grant: 2_960_000, targetShare: 0.35)
        let finalAccount = "Slutregnskab godkendt af revisor"
        return (
            pool,
            [
                PoolInstalment(
                    poolID: pool.id, number: 1, share: 0.5, condition: "Mellemregnskab underskrevet af ledelsen",
                    due: Day(year: year - 1, month: 1, day: 31)!),
                PoolInstalment(
                    poolID: pool.id, number: 2, share: 0.4, resultShare: 0.15, condition: finalAccount,
                    due: Day(year: year, month: 4, day: 1)!),
                PoolInstalment(
                    poolID: pool.id, number: 3, share: 0.1, resultShare: 0.2, condition: finalAccount,
                    due: Day(year: year, month: 4, day: 1)!),
            ]
        )
    }

    /// Estimated net spending a year per generated person by benefit, as the generator's own register
    /// gives it (20.000 persons, seed 1, default prices; 2026 as a whole year): budgets near it look
    /// like a municipality's. Years before and after take the nearest year's.
    static let spendingPerPerson: [Int: [String: Double]] = [
        2023: [
            "dagpenge": 4_182, "foertidspension": 5_293, "jobafklaring": 1_881, "kontanthjaelp_aktivitetsparat": 4_971,
            "kontanthjaelp_jobparat": 2_037, "ledighedsydelse": 1_233, "ressourceforloeb": 2_905, "revalidering": 478,
            "sygedagpenge": 3_195, "uddannelseshjaelp_aktivitetsparat": 853, "uddannelseshjaelp_uddannelsesparat": 630,
        ],
        2024: [
            "dagpenge": 4_799, "foertidspension": 7_301, "jobafklaring": 2_275, "kontanthjaelp_aktivitetsparat": 5_795,
            "kontanthjaelp_jobparat": 2_375, "ledighedsydelse": 1_560, "ressourceforloeb": 3_767, "revalidering": 540,
            "sygedagpenge": 3_646, "uddannelseshjaelp_aktivitetsparat": 941, "uddannelseshjaelp_uddannelsesparat": 716,
        ],
        2025: [
            "dagpenge": 5_371, "foertidspension": 9_777, "jobafklaring": 2_344, "kontanthjaelp_aktivitetsparat": 7_474,
            "kontanthjaelp_jobparat": 4_442, "ledighedsydelse": 1_997, "ressourceforloeb": 4_225, "revalidering": 670,
            "sygedagpenge": 3_997, "uddannelseshjaelp_aktivitetsparat": 469, "uddannelseshjaelp_uddannelsesparat": 368,
        ],
        2026: [
            "dagpenge": 6_352, "foertidspension": 12_329, "jobafklaring": 2_429, "kontanthjaelp_aktivitetsparat": 9_452,
            "kontanthjaelp_jobparat": 5_910, "ledighedsydelse": 2_098, "ressourceforloeb": 4_714, "revalidering": 659,
            "sygedagpenge": 4_413,
        ],
    ]
}
