import Crypto
import Foundation
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore

/// Markup for a page. Markup is written only as string literals; everything interpolated
/// into it is escaped, unless it is `HTML` itself, so text from the data or from a
/// visitor can never become markup. No initialiser takes a `String`: a raw string does
/// not compile into a page, and `Markup.escape` is never called by hand.
///
/// ```swift
/// let name = "<script>"
/// let cell: HTML = "<td>\(name)</td>"          // <td>&lt;script&gt;</td>
/// let row: HTML = "<tr>\(cell)\(42)</tr>"     // HTML inside HTML stays markup; whole numbers as they are
/// ```
struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The markup, for the response body.
    private(set) var text: String

    init(stringLiteral literal: StaticString) { text = literal.description }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    /// Markup this program rendered and kept in a page snapshot (``KeptPages``): the only way
    /// text becomes markup without being escaped, and only in this file.
    fileprivate init(kept text: String) { self.text = text }

    /// Builds markup from literals (kept as written) and values (escaped, unless markup).
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text = ""

        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        mutating func appendLiteral(_ literal: StaticString) { text += literal.description }

        mutating func appendInterpolation(_ html: HTML) { text += html.text }

        /// Text: escaped.
        mutating func appendInterpolation(_ value: some StringProtocol) { text += Markup.escape(String(value)) }

        /// A whole number: nothing in it to escape.
        mutating func appendInterpolation(_ number: some BinaryInteger) { text += String(number) }
    }

    static func + (a: HTML, b: HTML) -> HTML {
        var out = a
        out += b
        return out
    }

    static func += (a: inout HTML, b: HTML) { a.text += b.text }
}

extension Sequence where Element == HTML {
    func joined(separator: HTML = "") -> HTML {
        var out: HTML = ""
        for (i, part) in enumerated() {
            if i > 0 { out += separator }
            out += part
        }
        return out
    }
}

/// The frame of every page.
extension HTML {
    /// The one style sheet, inline; the Content-Security-Policy admits exactly it by its hash.
    static let styles: HTML = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
        header { background: #0b3d5c; color: #fff; padding: .8rem 1.5rem; }
        header { display: flex; justify-content: space-between; align-items: center; }
        header a { color: #fff; text-decoration: none; font-weight: 600; font-size: 1.2rem; }
        .konto span { margin-right: .5rem; }
        header nav { flex: 1; margin-left: 2rem; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; } header nav a { font-size: 1rem; }
        dl.fakta { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; background: #fff; border: 1px solid #ddd; padding: .8rem 1rem; }
        dl.fakta dt { font-weight: 600; } dl.fakta dd { margin: 0; }
        form.soeg, form.filtre { margin: .8rem 0; } form.soeg input, form.filtre select, form.filtre input { padding: .3rem; font-size: 1rem; }
        form.login { background: #fff; border: 1px solid #ddd; padding: 1rem 1.5rem; max-width: 24rem; }
        form.login label { display: block; margin-top: .8rem; font-weight: 600; }
        form.login input { width: 100%; padding: .4rem; font-size: 1rem; box-sizing: border-box; }
        form.login button { margin-top: 1rem; padding: .5rem 1.2rem; font-size: 1rem; }
        .fejl { color: #a00000; font-weight: 600; }
        li.mangel { color: #a00000; }
        .besked { color: #0b5d1e; font-weight: 600; }
        .status-ok { color: #0b5d1e; } .status-bagud { color: #a00000; } .status-ukendt { color: #555; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.5rem; }
        .meta { color: #444; }
        figure { margin: 1rem 0; background: #fff; border: 1px solid #ddd; padding: .5rem; }
        table { border-collapse: collapse; background: #fff; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #ccc; padding: .25rem .5rem; }
        td.n { text-align: right; white-space: nowrap; }
        caption { text-align: left; font-weight: 600; padding: .5rem 0; }
        .foreloebig { font-style: italic; color: #555; }
        .table-wrap { overflow-x: auto; }
        a:focus, button:focus { outline: 3px solid #f2a900; }
        dl.definitioner dt { font-weight: 600; margin-top: 1rem; scroll-margin-top: 1rem; } dl.definitioner dd { margin-left: 0; }
        @media print {
          header { background: none; color: #000; } header a { color: #000; } header nav, .konto, form, a[download] { display: none; }
          body { background: #fff; } main { max-width: none; padding: 0; } figure { border: none; }
          table { font-size: 9pt; } th a, td a { color: #000; text-decoration: none; } .table-wrap { overflow: visible; }
          article.rapport h2 { break-before: auto; break-after: avoid; } table, figure { break-inside: avoid; }
        }
        """

    /// What the browser may load and do on our pages: nothing but the one style sheet,
    /// no script (the pages need none), forms only to us, never inside a frame.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'sha256-\(Data(SHA256.hash(data: Data(styles.text.utf8))).base64EncodedString())'; "
        + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// A whole Danish page with the shared header, navigation and styles; with a
    /// `user`, the header shows who is logged in and a logout button, and with a
    /// `role`, the pages that role may open.
    static func page(title: String, body: HTML, user: String? = nil, role: Role? = nil, csrf: String = "") -> HTML {
        var links: [(String, String)] = [
            ("/", "Overblik"), ("/maalgrupper", "Målgrupper"), ("/indsatser", "Indsatser"), ("/maal", "Mål"), ("/ugetal", "Ugetal"),
            ("/rapport", "Rapport"),
        ]
        if role?.seesPersons == true || role == .leder { links.append(("/mine", "Min oversigt")) }
        if role?.seesCaseloads == true { links += [("/sagsstamme", "Sagsstamme"), ("/kontaktforloeb", "Kontakt")] }
        if let role, CompanyPages.roles.contains(role) { links.append(("/virksomheder", "Virksomheder")) }
        if let role, PoolPages.roles.contains(role) { links.append(("/puljer", "Puljer")) }
        if let role, BudgetPages.roles.contains(role) { links.append(("/budget", "Budget")) }
        if role?.seesPersons == true { links.append(("/borgere", "Borgere")) }
        if role?.seesProposals == true {
            links += [("/forslag", "Forslag"), ("/portefoelje", "Portefølje"), ("/opfoelgning", "Opfølgning")]
        }
        if role != nil { links += [("/satser", "Satser"), ("/definitioner", "Definitioner")] }
        let nav: HTML =
            role == nil
            ? "" : "<nav aria-label=\"Hovedmenu\">\(links.map { (href, name) -> HTML in "<a href=\"\(href)\">\(name)</a>" }.joined())</nav>"
        let account: HTML =
            user.map { name -> HTML in
                """
                <form class="konto" method="post" action="/logout"><span>\(name)</span>
                \(HTML.csrfField(csrf))<button type="submit">Log ud</button></form>
                """
            } ?? ""
        return """
            <!doctype html>
            <html lang="da">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) – Indsats</title>
            <style>\(styles)</style>
            </head>
            <body>
            <header><a href="/">Indsats</a>\(nav)\(account)</header>
            <main>
            \(body)
            </main>
            </body>
            </html>
            """
    }
}

/// The page content a server rendered for one write, and the answers and published tables it
/// was made of, kept beside the database so a restarted server has its first pages, and every view
/// cut from the same tables, at once (``PagePreparer``). The snapshot's key is the write and
/// this build, so content from other data or another build of the pages is never read; its
/// checksum tells a damaged file (docs/arkitektur.md, "Øjebliksbilledet").
struct KeptPages: Snapshottable, Sendable {
    /// Each page's key (``PageView/key``) and its content, in the same order.
    private var keys: [String] = []
    private var contents: [String] = []
    private var resultColumns = ResultColumns(sets: [:])

    static var snapshotKind: String { "INDSSID2" }
    static func emptyForSnapshot() -> KeptPages { KeptPages([:]) }

    init(_ pages: [String: HTML], published: [String: PublishedMeasure] = [:], answers: [KPIQuery: KPIResult] = [:]) {
        for (key, page) in pages.sorted(by: { $0.key < $1.key }) {
            keys.append(key)
            contents.append(page.text)
        }
        resultColumns = ResultColumns(sets: published, answers: answers)
    }

    /// The pages by key; `nil` when the columns do not pair up (a snapshot from elsewhere).
    var pages: [String: HTML]? {
        guard keys.count == contents.count else { return nil }
        return Dictionary(zip(keys, contents.map { HTML(kept: $0) }), uniquingKeysWith: { first, _ in first })
    }

    /// The published sets by the keys ``RegisterCache`` files them under, and the answers; `nil` as for ``pages``.
    var results: (sets: [String: PublishedMeasure], answers: [KPIQuery: KPIResult])? { resultColumns.kept }

    mutating func visitColumns(_ v: inout some SnapshotVisitor) throws {
        try v.column(&keys)
        try v.column(&contents)
        try resultColumns.visitColumns(&v)
    }
}
