import Foundation
import Hummingbird
import HummingbirdTesting
import IndsatsAccess
import IndsatsCore
import IndsatsStore
import NIOCore
import Testing

@testable import IndsatsWeb

@Suite("Driftstal og log")
struct MetricsTests {
    @Test("/metrics counts answers by route pattern and status, never by path; shows the register; for administrators only")
    func metrics() async throws {
        let store = try sampleStore()
        try await app(store).test(.router) { client in
            let admin = try await logIn(client, store, as: .administrator)
            _ = try await get(client, "/health", "")
            _ = try await get(client, "/health", "")
            _ = try await get(client, "/borgere/P1", admin)
            let (status, text) = try await get(client, "/metrics", admin)
            #expect(status == .ok)
            #expect(text.contains("indsats_http_requests_total{rute=\"/health\",metode=\"GET\",status=\"200\"} 2"))
            #expect(text.contains("rute=\"/borgere/{ref}\"") && !text.contains("P1"), "\(text)")
            #expect(text.contains("# TYPE indsats_http_request_duration_seconds histogram"))
            #expect(text.contains("indsats_register_rows{fil=\"personer\"} 2") && text.contains("indsats_data_version "))
            #expect(text.contains("indsats_register_load_seconds{art=\"hel\"}"))
            // Others get what every administrator-only route gives them; a visitor from another machine is sent to log in.
            #expect(try await get(client, "/metrics", try await logIn(client, store, as: .leder)).0 == .forbidden)
            #expect(try await get(client, "/metrics", "").0 == .seeOther)
        }
    }

    @Test("Only the machine's own addresses count as loopback")
    func loopback() throws {
        #expect(ServerMetrics.isLoopback(try SocketAddress(ipAddress: "127.0.0.1", port: 80)))
        #expect(ServerMetrics.isLoopback(try SocketAddress(ipAddress: "::1", port: 80)))
        #expect(!ServerMetrics.isLoopback(try SocketAddress(ipAddress: "10.0.0.7", port: 80)))
        #expect(!ServerMetrics.isLoopback(try SocketAddress(ipAddress: "::ffff:10.0.0.7", port: 80)))
        #expect(!ServerMetrics.isLoopback(nil))
    }

    @Test("Logfmt quotes what needs it and keeps the order")
    func logfmt() {
        #expect(
            Logfmt.line(["rute": "/borgere/:ref", "status": "200", "note": "to ord", "tom": "", "c": "a\"b"])
                == "rute=/borgere/:ref status=200 note=\"to ord\" tom=\"\" c=\"a\\\"b\"")
    }
}
