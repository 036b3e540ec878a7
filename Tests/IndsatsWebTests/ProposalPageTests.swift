import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsEconomy
import IndsatsExchange
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Forslagssider og portefølje")
struct ProposalPageTests {
    func storeWithExamples() throws -> any DataStore {
        let store = try TestDatabase.newStore()
        try store.saveProposals(try ProposalCatalogue.examples())
        return store
    }

    @Test("The catalogue filters by unit and status; a proposal page shows the form's fields, its net by year and the chart")
    func catalogueAndProposal() async throws {
        let store = try storeWithExamples()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .leder)
            let (status, all) = try await get(client, "/forslag", cookie)
            #expect(status == .ok && all.contains("35 af 35 forslag"))
            let (_, ceb) = try await get(client, "/forslag?enhed=CEB&tilgang=investering", cookie)
            // CEB 01, 02, 06A and 08 are investments.
            #expect(
                ceb.contains("4 af 35 forslag") && ceb.contains("href=\"/forslag/CEB%2006A\"")
                    && !ceb.contains("href=\"/forslag/CEB%2006B\""))
            let (ok, jc08) = try await get(client, "/forslag/JC%2008", cookie)
            #expect(ok == .ok)
            #expect(jc08.contains("<dt>Ansvarlig enhed</dt><dd>Jobcentret</dd>") && jc08.contains("☒ prioritering"))
            #expect(jc08.contains("<td class=\"n\">475.000</td>") && jc08.contains("<td class=\"n\">751.016</td>"))
            #expect(jc08.contains("<svg") && jc08.contains("2017: netto 751.016 kr., akkumuleret 751.016 kr."))
            #expect(jc08.contains("<h2>Business case</h2>") && jc08.contains("1.226.016"))
            // A leader reads but cannot change status.
            #expect(!jc08.contains("Gem status"))
            #expect(try await get(client, "/forslag/JC%2099", cookie).0 == .notFound)
            #expect(all.contains("href=\"/forslag.xlsx\""))
            let workbook = try await client.execute(uri: "/forslag.xlsx", method: .get, headers: [.cookie: cookie]) { response in
                (response.headers[.contentType], Data(buffer: response.body))
            }
            #expect(workbook.0 == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(try ProposalWorkbook.catalogue(xlsx: workbook.1) == ProposalCatalogue.examples())
        }
    }

    @Test("An analyst changes a status with the form's CSRF token; without it nothing changes; caseworkers see no proposals")
    func statusAndRoles() async throws {
        let store = try storeWithExamples()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .analytiker)
            #expect(try await get(client, "/forslag/JC%2008", cookie).1.contains("Gem status"))
            func post(_ body: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/forslag/JC%2008/status", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body)
                ) { $0.status }
            }
            #expect(try await post("status=vedtaget") == .forbidden)
            #expect(try store.proposals().proposal("JC 08")?.status == .forslag)
            #expect(try await post("csrf=\(try store.sessionCSRF(cookie))&status=vedtaget") == .seeOther)
            #expect(try store.proposals().proposal("JC 08")?.status == .vedtaget)
            #expect(try await post("csrf=\(try store.sessionCSRF(cookie))&status=godkendt") == .badRequest)

            let caseworker = try await logIn(client, store, as: .medarbejder)
            #expect(try await get(client, "/forslag", caseworker).0 == .forbidden)
            #expect(try await get(client, "/api/v1/forslag", caseworker).0 == .forbidden)
            let leader = try await logIn(client, store, as: .leder)
            let (api, json) = try await get(client, "/api/v1/forslag/UE%2009a", leader)
            #expect(api == .ok && json.contains("\"gensidigt_udelukkende\":\"UE 09\"") && !json.contains("forudsaetter\":[\"UE 08"))
            #expect(try await get(client, "/api/v1/forslag", leader).1.contains("\"nr\" : \"VHK 5\""))
        }
    }

    @Test("The portfolio page compares scenarios side by side with the reasons, and names a bad number")
    func portfolio() async throws {
        let store = try storeWithExamples()
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .udvalg)
            let (status, page) = try await get(
                client, "/portefoelje?kommune=Herning&navn1=Stram&budget1_2017=700000&navn2=L%C3%B8s&maal2=nutidsvaerdi", cookie)
            #expect(status == .ok)
            #expect(page.contains("<th scope=\"col\">Stram</th><th scope=\"col\">Løs</th>"))
            #expect(page.contains("budgettet i 2017 rækker ikke (mangler 440.000 kr.): nutidsværdi 751.016 kr."))
            let (_, bad) = try await get(client, "/portefoelje?kommune=Herning&budget1_2017=mange", cookie)
            #expect(bad.contains("Scenarie 1: budget 2017 skal være et tal, ikke &#39;mange&#39;."))
        }
    }

    @Test("An analyst uploads an edited workbook: proposals change by number; a bad file names sheet, row and column and changes nothing")
    func upload() async throws {
        let store = try storeWithExamples()
        try await app(store).test(.router) { client in
            let analyst = try await logIn(client, store, as: .analytiker)
            #expect(try await get(client, "/forslag", analyst).1.contains("action=\"/forslag/indlaes\" enctype=\"multipart/form-data\""))
            #expect(!(try await get(client, "/forslag", try await logIn(client, store, as: .leder)).1.contains("/forslag/indlaes")))
            func upload(_ name: String, _ data: Data, csrf: String?) async throws -> (HTTPResponse.Status, String) {
                let boundary = "----indsats\(UUID().uuidString)"
                var body = Data()
                if let csrf { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8) }
                body += Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        .utf8)
                body += data + Data("\r\n--\(boundary)--\r\n".utf8)
                return try await client.execute(
                    uri: "/forslag/indlaes", method: .post,
                    headers: [.cookie: analyst, .contentType: "multipart/form-data; boundary=\(boundary)"],
                    body: ByteBuffer(data: body)
                ) { ($0.status, String(buffer: $0.body)) }
            }
            var edited = try ProposalCatalogue.examples()
            let i = edited.proposals.firstIndex { $0.number == "JC 08" }!
            edited.proposals[i].title = "Håndholdt indsats – udvidet"
            let csrf = try store.sessionCSRF(analyst)
            #expect(try await upload("forslag.xlsx", try ProposalWorkbook.xlsx(edited), csrf: nil).0 == .forbidden)
            let (ok, page) = try await upload("forslag.xlsx", try ProposalWorkbook.xlsx(edited), csrf: csrf)
            #expect(ok == .ok && page.contains("forslag.xlsx: 0 nye og 1 ændrede forslag; 34 uændrede."))
            #expect(try store.proposals().proposal("JC 08")?.title == "Håndholdt indsats – udvidet")

            let bad = Workbook(sheets: [.init(name: "Forslag", rows: [[.text("nr"), .text("overskrift")], [.text("X"), .text("x")]])])
            let (status, error) = try await upload("ny.xlsx", try bad.xlsx(), csrf: csrf)
            #expect(status == .badRequest && error.contains("ny.xlsx: ark Forslag, række 2: ansvarlig_enhed: mangler. Intet er indlæst."))
            let json = try await upload(
                "ny.json", Data(#"{"forslag": [{"nr": "NY 1", "overskrift": "Ny", "ansvarlig_enhed": "X", "forudsaetter": ["ZZ"]}]}"#.utf8),
                csrf: csrf)
            #expect(json.0 == .badRequest && json.1.contains("ny.json: forslag[0].forudsaetter: &#39;ZZ&#39; findes ikke"))
            #expect(try store.proposals().proposals.count == 35)
        }
    }
}
