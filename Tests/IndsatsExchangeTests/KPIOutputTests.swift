import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import Testing

@Suite("Output af nøgletal")
struct KPIOutputTests {
    func result() throws -> KPIResult {
        let register = Register(
            persons: [],
            benefits: [
                BenefitPeriod(
                    personID: "A", benefit: "dagpenge", start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 2, day: 10)!),
                BenefitPeriod(personID: "B", benefit: "sygedagpenge", start: Day(year: 2024, month: 2, day: 1)!),
            ], activities: [], dataDate: Day(year: 2024, month: 3, day: 31)!)
        let q = try KPIQuery.parse(
            measure: "fuldtidspersoner", from: "2024-01-01", to: "2024-02-29", period: "maaned",
            splitBy: ["ydelse"], filters: [])
        return KPIEngine(register).evaluate(q)
    }

    @Test("JSON as the data contract gives it")
    func json() throws {
        #expect(
            KPIOutput.json(try result()) == """
                {"kpi":"fuldtidspersoner","fra":"2024-01-01","til":"2024-02-29","periode":"maaned","datadato":"2024-03-31","kilderaekker":2,"noter":[],"rows":[{"ydelse":"dagpenge","periode":"2024-01","vaerdi":1},{"ydelse":"dagpenge","periode":"2024-02","vaerdi":0.3448275862068966},{"ydelse":"sygedagpenge","periode":"2024-01","vaerdi":0},{"ydelse":"sygedagpenge","periode":"2024-02","vaerdi":1}]}
                """)
    }

    @Test("CSV for Danish Excel: BOM, semicolons, decimal comma")
    func csv() throws {
        let text = String(decoding: KPIOutput.csv(try result()), as: UTF8.self)
        #expect(
            text
                == "\u{FEFF}ydelse;periode;vaerdi\r\ndagpenge;2024-01;1\r\ndagpenge;2024-02;0,3448275862\r\nsygedagpenge;2024-01;0\r\nsygedagpenge;2024-02;1\r\n"
        )
    }

    @Test("Kroner in CSV to the øre, without the binary fraction's noise")
    func amounts() {
        let q = KPIQuery(
            measure: .nettoudgift, window: DayRange(Day(year: 2025, month: 1, day: 1)!, Day(year: 2025, month: 12, day: 31)!),
            periodKind: .aar)
        let result = KPIResult(
            query: q, periods: [], rows: [KPIRow(dimensions: [], period: "2025", value: 33_723_848.52)], sourceRowCount: 1, dataDate: nil)
        #expect(String(decoding: KPIOutput.csv(result), as: UTF8.self) == "\u{FEFF}periode;vaerdi\r\n2025;33723848,52\r\n")
    }

    @Test("Table with Danish numbers and the data date")
    func table() throws {
        let text = KPIOutput.table(try result())
        #expect(text.contains("dagpenge      2024-02               0,3"))
        #expect(text.hasSuffix("Fuldtidspersoner 01-01-2024 til 29-02-2024. Datadato: 31-03-2024. Kilderækker: 2.\n"))
    }

    @Test("JSON strings are escaped")
    func escaping() {
        #expect(JSONText.object(["b": "\"ø\"\n", "a": "\\"]) == "{\"a\":\"\\\\\",\"b\":\"\\\"ø\\\"\\n\"}")
    }
}
