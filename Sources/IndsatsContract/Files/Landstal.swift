import IndsatsCore

/// `landstal.csv`: figures for other areas as Jobindsats exports them, to set the municipality
/// beside the country and its peers. `maal` is a measure's name, `periode` a month, quarter or year.
extension NationalFigure: ContractRow {
    public static let declaration = FileDeclaration(
        .landstal, of: NationalFigure.self,
        columns: [
            .required("omraade", key: true),
            .required("periode", key: true),
            .required("maal", .oneOf(MeasureNames.all), key: true),
            .required("vaerdi", .decimal),
            .optional("ydelse", .code(.ydelse), key: true),
            .optional("befolkning", .integer(minimum: 1)),
        ])

    public init?(_ row: inout RowValues) {
        guard let area = row.text("omraade"), let period = row.text("periode"), let measure = row.text("maal"),
            let value = row.decimal("vaerdi")
        else { return nil }
        guard ReportingPeriod(parsing: period) != nil else {
            row.problem("periode", "'\(period)' er ikke en måned, et kvartal eller et år (fx 2024-03, 2024-K1 eller 2024)")
            return nil
        }
        self.init(
            area: area, period: period, measure: measure, value: value, benefit: row.text("ydelse"), population: row.integer("befolkning"),
            extra: row.extra)
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(area); v.text(period); v.text(measure); v.decimal(value); v.text(benefit); v.integer(population)
    }

    public var record: RegisterRecord { .nationalFigure(self) }
}
