import AsyncHTTPClient
import AttendantDialogue
import Foundation
import NIOCore
import NIOHTTP1

/// Webhook calls over HTTP with AsyncHTTPClient: JSON body out, JSON object back,
/// flattened to dotted paths. Any failure — connection refused, a timeout, a status
/// other than 2xx, an answer that is not a JSON object — throws a ``WebhookError``
/// saying which, so the flow takes its spoken fallback.
public final class HTTPWebhookClient: WebhookClient {
    let client: HTTPClient

    /// Uses the shared HTTP client (its event loops live as long as the process).
    public init(client: HTTPClient = .shared) {
        self.client = client
    }

    public func send(_ request: WebhookRequest) async throws -> [String: String] {
        var http = HTTPClientRequest(url: request.url)
        http.method = HTTPMethod(rawValue: request.method)
        http.headers.add(name: "Accept", value: "application/json")
        if request.method != "GET" {
            let body = try JSONSerialization.data(withJSONObject: request.body, options: [.sortedKeys])
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(http, timeout: .milliseconds(Int64(request.timeoutMilliseconds)))
        } catch {
            throw WebhookError(url: request.url, message: "\(error)")
        }
        let bytes = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw WebhookError(url: request.url, message: "HTTP \(response.status.code)")
        }
        guard let object = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes.readableBytesView)), case .object = object else {
            throw WebhookError(url: request.url, message: "the answer is not a JSON object")
        }
        return object.flattened()
    }
}

/// Any JSON value, decoded without Foundation's bridging guesses (true stays true, 1 stays 1).
enum JSONValue: Decodable {
    case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// `{"order": {"ship_date": "May 5"}}` → `["order.ship_date": "May 5"]`; list items by index.
    func flattened(prefix: String = "") -> [String: String] {
        func join(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
        switch self {
        case .object(let fields):
            return fields.reduce(into: [:]) { result, field in result.merge(field.value.flattened(prefix: join(field.key))) { $1 } }
        case .array(let items):
            return items.enumerated().reduce(into: [:]) { result, item in result.merge(item.element.flattened(prefix: join(String(item.offset)))) { $1 } }
        case .string(let text): return [prefix: text]
        case .number(let number):
            return [prefix: number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)]
        case .bool(let flag): return [prefix: flag ? "true" : "false"]
        case .null: return [:]
        }
    }
}

/// A webhook call that failed, with the URL and why.
public struct WebhookError: Error, CustomStringConvertible {
    public var url: String
    public var message: String
    public var description: String { "webhook \(url): \(message)" }
}
