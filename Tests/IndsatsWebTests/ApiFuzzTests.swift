import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import Testing

@Suite("Fuzzing af JSON-API'et")
struct ApiFuzzTests {
    @Test("1.500 random and mutated queries: 200, 400 or 404 with a JSON body, never a crash")
    func randomQueries() async throws {
        let store = try sampleStore()
        var rng = SeededGenerator(seed: 77)
        let names =
            Measure.allCases.map(\.rawValue) + [
                "", "ukendt", "personer%00", "%C3%A6%C3%B8%C3%A5", "..%2F..", String(repeating: "x", count: 500),
            ]
        let dates = [
            "2024-01-01", "2024-02-29", "2023-02-29", "2024-13-01", "01-02-2024", "", "2024-1-1", "0000-01-01", "9999-12-31", "%FF",
            "2024-03-31T00:00",
        ]
        let periods = ["uge", "maaned", "kvartal", "aar", "hele", "", "måned", "dag"]
        let dims = Dimension.allCases.map(\.rawValue) + ["", "ydelse,ydelse", "køn", ",,,"]
        let values = ["dagpenge", "K", "", "=", "a=b=c", "%22", "æøå", "ingen_ydelse", "mindst_2"]
        var uris: [String] = []
        for _ in 0..<1_500 {
            var parts: [String] = []
            if rng.chance(0.9) { parts.append("fra=" + rng.pick(dates.map { ($0, 1.0) })) }
            if rng.chance(0.9) { parts.append("til=" + rng.pick(dates.map { ($0, 1.0) })) }
            if rng.chance(0.5) { parts.append("periode=" + rng.pick(periods.map { ($0, 1.0) })) }
            for _ in 0..<Int.random(in: 0...2, using: &rng) { parts.append("opdel=" + rng.pick(dims.map { ($0, 1.0) })) }
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                parts.append("filter=" + rng.pick(dims.map { ($0, 1.0) }) + "%3D" + rng.pick(values.map { ($0, 1.0) }))
            }
            if rng.chance(0.2) { parts.append("maaneder=" + rng.pick(["3", "0", "-1", "121", "x", ""].map { ($0, 1.0) })) }
            if rng.chance(0.2) { parts.append("format=" + rng.pick(["json", "csv", "tabel", "xml", ""].map { ($0, 1.0) })) }
            uris.append("/api/v1/kpi/" + rng.pick(names.map { ($0, 1.0) }) + "?" + parts.shuffled(using: &rng).joined(separator: "&"))
        }
        let queries = uris
        try await app(store).test(.router) { client in
            let cookie = try await logIn(client, store, as: .analytiker)
            for uri in queries {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
                    #expect([.ok, .badRequest, .notFound].contains(response.status), "\(uri): \(response.status)")
                    if response.headers[.contentType]?.hasPrefix("application/json") == true {
                        #expect((try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) != nil, "\(uri)")
                    }
                }
            }
        }
    }
}
