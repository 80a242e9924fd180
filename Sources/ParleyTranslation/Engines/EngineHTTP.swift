import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The HTTP plumbing DeepL and LibreTranslate share: JSON in and out, deadlines, cancellation, and transport
/// failures turned into ``TranslationError`` values.
struct EngineHTTP: Sendable {
    let client: HTTPClient
    let engine: String
    /// The limit for one call when the request has no deadline.
    let defaultTimeout: Duration
    /// Response bodies larger than this are refused as malformed.
    static let maxBody = 8 << 20

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], json body: (some Encodable)?,
        deadline: ContinuousClock.Instant?
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            let data = try JSONEncoder().encode(body)
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        return try await execute(request, deadline: deadline)
    }

    private func execute(_ request: HTTPClientRequest, deadline: ContinuousClock.Instant?) async throws -> Reply {
        var budget = defaultTimeout
        if let deadline { budget = min(budget, ContinuousClock.now.duration(to: deadline)) }
        guard budget > .zero else { throw error(.timedOut, "The deadline passed before the call.") }
        let nanoseconds = budget.components.seconds * 1_000_000_000 + budget.components.attoseconds / 1_000_000_000
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(nanoseconds))
            let buffer = try await response.body.collect(upTo: Self.maxBody)
            return Reply(
                status: Int(response.status.code), headers: response.headers, body: Array(buffer.readableBytesView))
        } catch let error as TranslationError {
            throw error
        } catch {
            if Task.isCancelled { throw self.error(.cancelled, "The call was cancelled.", underlying: error) }
            if let client = error as? HTTPClientError, client == .deadlineExceeded || client == .readTimeout {
                throw self.error(.timedOut, "No answer in time; the call was abandoned.", underlying: error)
            }
            throw self.error(.engineUnavailable, "Could not reach the engine: \(type(of: error)).", underlying: error)
        }
    }

    func error(_ code: TranslationError.Code, _ message: String, underlying: (any Error)? = nil) -> TranslationError {
        TranslationError(code, engine: engine, message: message, underlying: underlying)
    }

    func decode<T: Decodable>(_ type: T.Type, _ reply: Reply) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(reply.body))
        } catch {
            throw self.error(
                .malformedResponse,
                "The engine answered HTTP \(reply.status) with a body that is not the documented JSON.",
                underlying: error)
        }
    }

    /// `Retry-After` in seconds, when present.
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        headers.first(name: "Retry-After").flatMap { Int($0.trimmingSpaces) }.map { .seconds($0) }
    }
}

/// `Encodable` placeholder for requests without a body.
struct NoBody: Encodable {}
