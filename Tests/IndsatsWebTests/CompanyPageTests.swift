import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsContract
import IndsatsCore
import IndsatsStore
import IndsatsTestSupport
import Testing

@testable import IndsatsWeb

@Suite("Virksomheder")
struct CompanyPageTests {
    @Test("Companies largest first with their latest contacts; without a personal contact in 12 months, over 5 employees only")
    func companies() async throws {
        let store = try TestDatabase.newStore()
        _ = try store.write([
            .virksomheder: [
                .company(Company(cvr: "12345674", name: "Ågade Smed", employees: 12, industry: "Industri")),
                .company(Company(cvr: "11111111", name: "Byg og Bo", employees: 20, industry: "Byggeri")),
                .company(Company(cvr: "22222222", name: "Lille Café", employees: 3, industry: "Handel")),
                .company(Company(cvr: "33333333", name: "Dæk & Co", employees: 8, industry: "Handel")),
            ],
            .virksomhedskontakter: [
                .contact(CompanyContact(cvr: "12345674", date: day(2026, 5, 1), unit: "VS", channel: "personligt")),
                .contact(CompanyContact(cvr: "11111111", date: day(2026, 9, 1), unit: "Jobservice", channel: "digitalt")),
                .contact(CompanyContact(cvr: "33333333", date: day(2025, 1, 1), unit: "VS", channel: "telefon")),
                .contact(CompanyContact(cvr: "33333333", date: day(2026, 10, 1), unit: "VS", channel: "brev")),
            ],
        ])
        try await app(store).test(.router) { client in
            let caseworker = try await logIn(client, store, as: .medarbejder)
            let (status, page) = try await get(client, "/virksomheder", caseworker)
            #expect(status == .ok && page.contains("4 virksomheder"))
            #expect(
                page.range(of: "Byg og Bo")!.lowerBound < page.range(of: "Ågade Smed")!.lowerBound
                    && page.range(of: "Ågade Smed")!.lowerBound < page.range(of: "Dæk &amp; Co")!.lowerBound)
            #expect(
                page.contains(
                    "<td>Byg og Bo</td><td class=\"n\">20</td><td>Byggeri</td><td>–</td><td>01-09-2026</td><td>Jobservice</td><td>–</td>"))
            let (_, without) = try await get(client, "/virksomheder?uden_kontakt=ja", caseworker)
            #expect(without.contains("2 virksomheder") && without.contains("Byg og Bo") && without.contains("Dæk &amp; Co"))
            #expect(!without.contains("Ågade Smed") && !without.contains("Lille Café"))
            let (_, searched) = try await get(client, "/virksomheder?soeg=%C3%A5gade&branche=Industri", caseworker)
            #expect(searched.contains("1 virksomheder") && searched.contains("12345674"))
            let (_, csv) = try await get(client, "/virksomheder.csv?uden_kontakt=ja", caseworker)
            #expect(csv.contains("33333333;Dæk & Co;8;Handel;"))
        }
    }
}
