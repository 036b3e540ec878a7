import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsContract
import IndsatsCore
import IndsatsEconomy
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("HTML bygges kun gennem en type, der escaper")
struct HTMLTests {
    @Test("Interpolated text is escaped, literals and interpolated HTML stay markup, whole numbers stay as they are")
    func interpolation() {
        let text = "<script>alert('x')</script> & \"så\""
        let cell: HTML = "<td title=\"\(text)\">\(text)</td>"
        #expect(
            cell.text == "<td title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;så&quot;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;så&quot;</td>")
        let row: HTML = "<tr>\(cell)<td>\(1234)</td></tr>"
        #expect(row.text.hasPrefix("<tr><td title=") && row.text.hasSuffix("<td>1234</td></tr>"))
        #expect(([cell, "<td></td>"] as [HTML]).joined(separator: " ").text == cell.text + " <td></td>")
        // A substring from the data is text too.
        let part: HTML = "\(text.prefix(7))"
        #expect(part.text == "&lt;script")
    }

    /// A store whose names carry markup and quotes, as a careless or hostile import would.
    func hostileStore() throws -> any DataStore {
        let store = try FollowUpPageTests().store()
        var proposal = Proposal(number: "BIC 01", title: "<img src=x onerror=alert(1)> & \"Transit\"", responsibleUnit: "<b>BIC</b>")
        proposal.successCriterion = "<script>alert(2)</script>"
        try store.saveProposals(ProposalCatalogue([proposal]))
        _ = try store.write([
            .indsatser: [
                .initiative(Initiative(id: "TRANSIT", name: "<i>Transit</i>", unit: "'><svg onload=alert(3)>", proposal: "BIC 01"))
            ]
        ])
        return store
    }

    static let pages = [
        "/", "/maalgrupper", "/indsatser", "/indsatser/TRANSIT", "/maal", "/ugetal", "/ugetal/maal", "/rapport", "/borgere", "/borgere/A",
        "/forslag", "/forslag/BIC%2001", "/forslag/BIC%2001/opfoelgning", "/portefoelje", "/opfoelgning", "/satser", "/definitioner",
    ]

    @Test("No page lets markup from the data through, on any page and for any role")
    func dataIsEscapedEverywhere() async throws {
        let store = try hostileStore()
        try await app(store).test(.router) { client in
            for role in Role.allCases {
                let cookie = try await logIn(client, store, as: role)
                for path in Self.pages {
                    let (_, body) = try await get(client, path, cookie)
                    for markup in ["<img", "<script>alert", "<b>", "<i>", "<svg onload"] {
                        #expect(!body.contains(markup), "\(role) \(path): \(markup)")
                    }
                }
            }
            let analyst = try await logIn(client, store, as: .analytiker)
            let (_, catalogue) = try await get(client, "/forslag", analyst)
            #expect(catalogue.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Transit&quot;"))
            let (_, initiative) = try await get(client, "/indsatser/TRANSIT", analyst)
            #expect(initiative.contains("<h1>&lt;i&gt;Transit&lt;/i&gt;</h1>"))
        }
    }

    @Test("No page escapes its own markup: no escaped tag and no double escape on any page, for any role")
    func markupIsNotEscapedTwice() async throws {
        let store = try FollowUpPageTests().store()
        try await app(store).test(.router) { client in
            for role in Role.allCases {
                let cookie = try await logIn(client, store, as: role)
                for path in Self.pages + ["/login"] {
                    let (_, body) = try await get(client, path, cookie)
                    #expect(body.range(of: "&lt;[a-z/]", options: .regularExpression) == nil, "\(role) \(path)")
                    #expect(!body.contains("&amp;amp;") && !body.contains("&amp;lt;") && !body.contains("&amp;quot;"), "\(role) \(path)")
                }
            }
        }
    }
}
