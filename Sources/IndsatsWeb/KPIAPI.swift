import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsAnalytics
import IndsatsCore
import IndsatsExchange
import IndsatsStore

/// `GET /api/v1/kpi/{navn}`: a measure as JSON, semicolon CSV or a text table, for every
/// role; leaders and the committee get slices of the published tables (``Publication``).
enum KPIAPI {
    static func add(to routes: inout GuardedRouter, store: any DataStore, cache: RegisterCache) {
        routes.add(RouteRule(.get, "/api/v1/kpi/:navn", roles: Role.allCases, purpose: "et nøgletal som JSON, CSV eller tabel")) {
            request, context in
            let name = try context.parameters.require("navn")
            // opdel and filter may repeat; the others are single (given twice, they are no valid value).
            let q = request.uri.queryParameters, single = PageView(request, context).parameters
            let format = single["format"] ?? "json"
            guard let output = KPIFormat(rawValue: format) else {
                return WebApplication.problem(.badRequest, "format: '\(format)' er ukendt; brug json, csv eller tabel")
            }
            let query: KPIQuery
            do throws(KPIQueryError) {
                query = try KPIQuery.parse(
                    measure: name, from: single["fra"], to: single["til"], period: single["periode"],
                    splitBy: q[values: "opdel"].map(String.init),
                    filters: q[values: "filter"].map(String.init),
                    months: single["maaneder"])
            } catch {
                return WebApplication.problem(Measure(rawValue: name) == nil ? .notFound : .badRequest, error.message)
            }
            // Leaders and the committee get slices of the published tables only (Publication).
            let hiding = WebApplication.suppresses(context.user)
            do {
                switch output {
                case .json:
                    // Rendered once per register version and view of small numbers: the JSON is most of a request's work.
                    return WebApplication.json(
                        try await cache.body(.init(query: query, suppressed: hiding, form: "json"), make: KPIOutput.json))
                case .csv:
                    let result = try await cache.shown(query, hiding: hiding)
                    try store.appendAudit(
                        user: context.user?.name ?? "", action: .eksport, person: nil,
                        criteria: "kpi \(name) \(request.uri.query ?? "")", at: Date())
                    return Response(
                        status: .ok,
                        headers: [
                            .contentType: "text/csv; charset=utf-8",
                            .contentDisposition: "attachment; filename=\"\(name).csv\"",
                        ],
                        body: .init(byteBuffer: ByteBuffer(bytes: KPIOutput.csv(result))))
                case .tabel:
                    return Response(
                        status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: KPIOutput.table(try await cache.shown(query, hiding: hiding)))))
                }
            } catch let error as KPIQueryError {
                return WebApplication.problem(.badRequest, error.message)
            }
        }
    }
}
