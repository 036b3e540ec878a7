import Foundation
import Hummingbird
import IndsatsAccess
import IndsatsCore
import IndsatsExchange
import IndsatsStore
import Logging
import NIOCore
import Prometheus

/// What the server counts for operations, served at `/metrics` in Prometheus' text
/// format: requests by route and status, their latency, how long the register took to
/// read, its rows by file, the data version and whether the first pages are ready. Labels
/// name route patterns (`/borgere/{ref}`), never a path, so no person's id is ever a label.
///
/// ```swift
/// let metrics = ServerMetrics()
/// metrics.request(route: "/health", method: "GET", status: 200, seconds: 0.002)
/// String(decoding: try await metrics.text(cache), as: UTF8.self)   // "# TYPE indsats_http_requests_total counter ..."
/// ```
final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    /// Latency buckets, in seconds: pages answer in milliseconds, a cold measure in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    func request(route: String, method: String, status: Int, seconds: Double) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "indsats", subsystem: "http", metricName: "requests", unitName: "total",
                helpText: "Svar pr. rute, metode og status"),
            labels: [("rute", route), ("metode", method), ("status", String(status))]
        ).increment()
        registry.makeValueHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "indsats", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "Svartid pr. rute i sekunder"),
            labels: [("rute", route)], buckets: Self.buckets
        ).record(seconds)
    }

    /// Everything counted, with the register's state read now.
    func text(_ cache: RegisterCache) async throws -> [UInt8] {
        let (version, rows, ready, load) = (
            try cache.store.dataVersion(), try cache.store.rowCounts(), try await cache.pagesReady(), await cache.loadSeconds
        )
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "indsats", metricName: "data_version", unitName: "", helpText: "Dataversionen (stiger ved hver ændring)")
        )
        .set(to: Double(version))
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "indsats", metricName: "pages_ready", unitName: "",
                helpText: "1 når de første sider er regnet for den nyeste dataversion")
        )
        .set(to: ready ? 1 : 0)
        for (kind, count) in rows {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "indsats", subsystem: "register", metricName: "rows", unitName: "", helpText: "Rækker i registret pr. fil"),
                labels: [("fil", kind.rawValue)]
            ).set(to: Double(count))
        }
        for (kind, seconds) in [("hel", load.whole), ("opfrisket", load.refresh)] {
            guard let seconds else { continue }
            registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "indsats", subsystem: "register", metricName: "load", unitName: "seconds",
                    helpText: "Sekunder det tog at læse registret sidst, helt eller opfrisket efter en import"),
                labels: [("art", kind)]
            ).set(to: seconds)
        }
        return registry.emitToBuffer()
    }

    /// Whether an address is this machine's own (`/metrics` answers it without a login).
    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let ip = address?.ipAddress else { return false }
        return ip == "::1" || ip.hasPrefix("127.") || ip == "::ffff:127.0.0.1"
    }
}

/// Counts every answer in ``ServerMetrics`` and writes one log line per request in logfmt:
/// method, route pattern, status, milliseconds and role. No path, query, user name or
/// body is logged, so no person's id or CPR number reaches the log.
struct RequestLogMiddleware: RouterMiddleware {
    let metrics: ServerMetrics
    let logger: Logger

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let seconds = (ContinuousClock.now - started).seconds
            let route = context.endpointPath ?? "ukendt"
            metrics.request(route: route, method: request.method.rawValue, status: status, seconds: seconds)
            logger.info(
                "\(Logfmt.line(["metode": request.method.rawValue, "rute": route, "status": String(status), "ms": String(format: "%.1f", seconds * 1000), "rolle": context.user?.role.rawValue ?? "-"]))"
            )
        }
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            status = Int(error.status.code)
            throw error
        }
    }

}
