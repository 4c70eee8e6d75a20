/// A call to the business's backend, with every template already filled.
public struct WebhookRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    /// JSON object fields sent as the body (POST/PUT).
    public var body: [String: String]
    public var timeoutMilliseconds: Int
    public init(method: String, url: String, body: [String: String], timeoutMilliseconds: Int) {
        self.method = method
        self.url = url
        self.body = body
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}

/// Performs webhook calls for a ``DialogueSession``. The answer is the JSON object's
/// fields flattened to dotted paths (`order.ship_date`) with their values as text. The
/// engine's implementation speaks HTTP; tests use a real server or a fake.
public protocol WebhookClient: Sendable {
    func send(_ request: WebhookRequest) async throws -> [String: String]
}

/// A webhook client for conversations that must not reach any backend: every call fails,
/// so flows take their spoken fallback.
public struct UnreachableBackend: WebhookClient {
    public struct Unreachable: Error, CustomStringConvertible {
        public var description: String { "no backend configured" }
    }
    public init() {}
    public func send(_ request: WebhookRequest) async throws -> [String: String] { throw Unreachable() }
}
