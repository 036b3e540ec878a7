import IndsatsCore

/// `koder.csv`: the user's own codes for the dated code lists.
extension Code: ContractRow {
    public static let declaration = FileDeclaration(
        .koder, of: Code.self,
        columns: [
            .required("kodeliste", key: true),
            .required("kode", key: true),
            .required("navn"),
            .optional("gyldig_fra", .day),
            .optional("gyldig_til", .endDay(after: "gyldig_fra")),
            .optional("virksomhedsrettet", .oneOf(["ja", "nej"])),
        ],
        keepsExtra: false)

    public init?(_ row: inout RowValues) {
        let listName = row.text("kodeliste")
        // `type` is what aktiviteter.csv calls the list's column.
        let list = listName.flatMap { $0 == "type" ? .aktivitetstype : CodeListName(rawValue: $0) }
        if let listName, list == nil {
            row.problem("kodeliste", "ukendt kodeliste '\(listName)'; brug ydelse, afgang eller aktivitetstype")
        }
        guard let list, let code = row.text("kode"), let name = row.text("navn") else { return nil }
        self.init(
            list, code, name, validFrom: row.day("gyldig_fra"), validTo: row.day("gyldig_til"),
            companyBased: row.text("virksomhedsrettet") == "ja")
    }

    public func visitColumns<V: ColumnVisitor>(_ v: inout V) {
        v.text(list.rawValue); v.text(code); v.text(name); v.day(validFrom); v.day(validTo)
        v.text(companyBased ? "ja" : "nej")
    }

    public var record: RegisterRecord { .code(self) }
}
