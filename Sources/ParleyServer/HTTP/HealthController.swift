import Hummingbird
import Prometheus
import Logging
import Synchronization
import ParleyText

/// `/healthz`, `/readyz` and `/metrics`.
struct HealthController: Sendable {
    let readiness: Readiness
    let registry: PrometheusCollectorRegistry?
    let sampler: MetricsSampler

    struct Status: Encodable, Sendable { var status: String }

    func addRoutes(to router: Router<RelayRequestContext>) {
        router.get("/healthz") { _, _ in JSONBody(value: Status(status: "ok")) }
        router.get("/readyz") { _, _ in
            switch readiness.state {
            case .ready: JSONBody(value: Status(status: "ready"))
            case .starting: JSONBody(status: .serviceUnavailable, value: Status(status: "starting"))
            case .stopping: JSONBody(status: .serviceUnavailable, value: Status(status: "stopping"))
            }
        }
        router.get("/metrics") { _, _ in
            await sampler.record()
            let text = registry?.emitToString() ?? ""
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
