import Foundation
import Hummingbird
import Logging

/// A small stand-in for a business's order system, for the sample flows' webhooks: a
/// real HTTP server on 127.0.0.1 (an ephemeral port) with a handful of orders.
///
/// - `GET /orders/{id}` → `{"order_id", "status", "ship_date", "eta", "delivered_on"}`;
///   an unknown id answers `{"status": "not_found"}`.
/// - `POST /orders/{id}/cancel` → `{"result": "cancelled" | "already_shipped" | "not_found", "refund_days": "5"}`.
/// - Order `99999` answers after `slowSeconds` (to test webhook timeouts); `50000`
///   answers HTTP 500.
public final class FakeBackend: Sendable {
    /// The orders it knows: id → (status, ship date, eta, delivered on).
    public static let orders: [String: [String: String]] = [
        "48213": ["status": "shipped", "ship_date": "Monday, November 23", "eta": "Friday, November 27"],
        "57096": ["status": "processing", "ship_date": "Thursday, November 26"],
        "31470": ["status": "delivered", "ship_date": "Friday, November 20", "delivered_on": "Tuesday, November 24"],
        "29684": ["status": "shipped", "ship_date": "Tuesday, November 24", "eta": "Monday, November 30"],
        "70215": ["status": "processing", "ship_date": "Friday, November 27"],
    ]

    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }
    let task: Task<Void, any Error>

    /// Starts the server; returns once it listens.
    public init(slowSeconds: Double = 5) async throws {
        let router = Router()
        router.get("/orders/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            if id == "99999" { try await Task.sleep(for: .seconds(slowSeconds)) }
            if id == "50000" { return Response(status: .internalServerError) }
            var fields = Self.orders[id] ?? ["status": "not_found"]
            fields["order_id"] = id
            return try Self.json(fields)
        }
        router.post("/orders/:id/cancel") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            let result = switch Self.orders[id]?["status"] {
            case "processing": "cancelled"
            case nil: "not_found"
            default: "already_shipped"
            }
            return try Self.json(["order_id": id, "result": result, "refund_days": "5"])
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "fake-backend")
        logger.logLevel = .critical   // stopping by cancellation is expected, not an error to print
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = stream.makeAsyncIterator()
        port = await iterator.next() ?? 0
    }

    static func json(_ fields: [String: String]) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(bytes: data)))
    }

    /// Stops the server.
    public func stop() { task.cancel() }

    deinit { task.cancel() }
}
