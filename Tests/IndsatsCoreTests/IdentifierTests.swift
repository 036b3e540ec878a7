import Testing

@testable import IndsatsCore

// Every CPR number here is synthetic test data.
@Suite("CPR- og CVR-numre")
struct IdentifierTests {
    @Test("The 7th digit and the year give the century")
    func centuries() throws {
        #expect(try CPRNumber.parse("010203-1000").birthDate == Day(year: 1903, month: 2, day: 1))
        #expect(try CPRNumber.parse("0102364000").birthDate == Day(year: 2036, month: 2, day: 1))
        #expect(try CPRNumber.parse("0102374000").birthDate == Day(year: 1937, month: 2, day: 1))
        #expect(try CPRNumber.parse("0102575000").birthDate == Day(year: 2057, month: 2, day: 1))
        #expect(try CPRNumber.parse("0102585000").birthDate == Day(year: 1858, month: 2, day: 1))
        #expect(try CPRNumber.parse("0102999000").birthDate == Day(year: 1999, month: 2, day: 1))
    }

    @Test("Never rejected on modulus 11; sex from the last digit")
    func noModulus11() throws {
        // 0101001235 fails modulus 11 and is still a valid number.
        let cpr = try CPRNumber.parse("010100-1235")
        #expect(cpr.isMale)
        #expect(try !CPRNumber.parse("0101001234").isMale)
    }

    @Test("Leap days in CPR numbers")
    func leapDay() throws {
        #expect(try CPRNumber.parse("290200-4001").birthDate == Day(year: 2000, month: 2, day: 29))
        #expect(throws: CPRNumber.Problem.date) { try CPRNumber.parse("290201-4001") }
    }

    @Test("Bad formats", arguments: ["", "12345", "010100+1234", "0101001234 ", "01-0100-1234", "01010012345"])
    func badFormats(_ text: String) {
        #expect(throws: CPRNumber.Problem.format) { try CPRNumber.parse(text) }
    }

    @Test("CVR modulus 11")
    func cvr() {
        #expect(CVRNumber.isValid("12345674"))
        #expect(!CVRNumber.isValid("12345675"))
        #expect(!CVRNumber.isValid("02345674"))
        #expect(!CVRNumber.isValid("1234567"))
        #expect(!CVRNumber.isValid("1234567a"))
        #expect(CVRNumber.checkDigit(forPrefix: [1, 2, 3, 4, 5, 6, 7]) == 4)
    }

    @Test("Every check digit it computes passes the check")
    func checkDigitProperty() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let prefix = [Int.random(in: 1...9, using: &rng)] + (0..<6).map { _ in Int.random(in: 0...9, using: &rng) }
            if let check = CVRNumber.checkDigit(forPrefix: prefix) {
                #expect(CVRNumber.isValid((prefix + [check]).map(String.init).joined()))
            }
        }
    }

    @Test("Numbers typed the Danish way: thousands points, decimal comma, or a decimal point alone")
    func danishInput() {
        let cases: [(String, Double?)] = [
            ("1.234,5", 1234.5), ("1234,5", 1234.5), ("1234.5", 1234.5), ("1.234", 1234), ("12.345.678", 12345678), ("2.5", 2.5),
            (" 40 ", 40), ("0,9", 0.9), ("90", 90), ("-3,5", -3.5), ("0.500", 0.5),
            ("1.23,4", nil), ("1.2.3", nil), ("1,2,3", nil), ("abc", nil), ("", nil), ("12a", nil), ("1e3", nil), ("٣", nil),
        ]
        for (text, expected) in cases { #expect(DanishFormat.parse(text) == expected, "\(text)") }
    }

    @Test("Danish number format")
    func danishNumbers() {
        #expect(DanishFormat.number(1234.46) == "1.234,5")
        #expect(DanishFormat.number(999.95) == "1.000,0")
        #expect(DanishFormat.number(-1_234_567, decimals: 0) == "-1.234.567")
        #expect(DanishFormat.number(0.04) == "0,0")
        #expect(DanishFormat.integer(12345) == "12.345")
        #expect(DanishFormat.number(5, decimals: 2) == "5,00")
    }

    @Test("Reference data: validity and the user's own codes")
    func referenceData() {
        var reference = ReferenceData.defaults
        let code = reference.code(.ydelse, "uddannelseshjaelp_uddannelsesparat")!
        let d = { (y: Int, m: Int, day: Int) in Day(year: y, month: m, day: day)! }
        #expect(code.isValid(throughout: DayRange(d(2025, 1, 1), d(2025, 6, 30))))
        #expect(!code.isValid(throughout: DayRange(d(2025, 1, 1), d(2025, 7, 1))))
        #expect(reference.code(.aktivitetstype, "igu")!.companyBased)
        #expect(!reference.code(.aktivitetstype, "mentor")!.companyBased)
        reference.add(Code(.ydelse, "fleksjob", "Fleksjob"))
        #expect(reference.name(.ydelse, "fleksjob") == "Fleksjob")
        #expect(reference.codes(.ydelse).count == 14)
    }
}

@Suite("CPR-lignende tekst")
struct CPRTextTests {
    @Test("Every spelling of a CPR number gives its ten digits; other text gives none")
    func spellings() {
        for text in ["0102034005", "010203-4005", "010203 4005", "01.02.03-4005", " 01 02 03 4005 ", "01/02/03/4005"] {
            #expect(CPRText.digits(in: text) == "0102034005", "\(text)")
        }
        for text in ["010203-400", "01020340055", "P0000017", "010203--4005", "x0102034005", ""] {
            #expect(CPRText.digits(in: text) == nil, "\(text)")
        }
    }

    @Test("Scrubbing replaces runs of ten or more digits, keeps dates, pseudonyms and keyed hashes, and is the identity on clean text")
    func scrub() {
        let mark: (String) -> String = { "<\($0)>" }
        #expect(CPRText.scrub("søgte 01.02.03-4005 i går", replacing: mark) == "søgte <0102034005> i går")
        #expect(CPRText.scrub("a0102034005b 12345678901", replacing: mark) == "a<0102034005>b <12345678901>")
        #expect(
            CPRText.scrub("fra=2024-01-01&til=2024-03-31 dag 2024-02-29", replacing: mark) == "fra=2024-01-01&til=2024-03-31 dag 2024-02-29"
        )
        #expect(CPRText.scrub("pseudonym PS-1234567890123456", keeping: ["PS-"], replacing: mark) == "pseudonym PS-1234567890123456")
        #expect(CPRText.scrub("PS-1234567890123456", replacing: mark) == "PS-<1234567890123456>")
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0..<30, using: &rng)).map { _ in "0123456789 -./aæ".randomElement(using: &rng)! })
            let scrubbed = CPRText.scrub(text, replacing: { _ in "#" })
            #expect(CPRText.digitRuns(in: Array(scrubbed.utf8)).allSatisfy { $0.digits.count < 10 }, "\(text)")
        }
    }
}
