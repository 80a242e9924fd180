import Foundation
import HTTPTypes
import Hummingbird
import ParleyCore
import Logging
import Synchronization
import ParleyText

/// A ``RelayError`` answered over HTTP: `{"error":{"code":…,"message":…}}` with a matching status.
struct HTTPFailure: HTTPResponseError {
    let error: RelayError

    init(_ error: RelayError) { self.error = error }
    init(_ code: RelayError.Code, _ message: String) { self.error = RelayError(code, message) }

    var status: HTTPResponse.Status {
        switch error.code {
        case .badRequest, .badJSON, .invalidField, .unsupportedLanguage: .badRequest
        case .invalidCredentials, .notLoggedIn, .sessionExpired, .invalidToken: .unauthorized
        case .originNotAllowed, .csrfMismatch, .forbidden: .forbidden
        case .unknownSite, .unknownConversation, .unknownMessage: .notFound
        case .conversationClosed: .conflict
        case .rateLimited: .tooManyRequests
        case .busy: .serviceUnavailable
        default: .internalServerError
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let wait = error.retryAfter { headers[.retryAfter] = String(max(1, wait.components.seconds)) }
        let body = Wire.encode(ErrorBody(error: .init(code: error.code.rawValue, message: error.message)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// `{"error":{"code":…,"message":…}}`
struct ErrorBody: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
    }

    var error: Detail
}

/// A JSON response body from any `Encodable`.
struct JSONBody<Value: Encodable & Sendable>: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var headers: HTTPFields = [:]
    var value: Value

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Wire.encode(value))))
    }
}

extension Request {
    /// Decodes a JSON body of at most 64 KiB; a bad body is `400 bad_request`.
    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: 64 * 1024)
        } catch {
            throw HTTPFailure(.badRequest, "The request body is larger than 64 KiB.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw HTTPFailure(.badRequest, "Field '\(key.stringValue)' is missing.")
        } catch let DecodingError.typeMismatch(_, context) {
            throw HTTPFailure(.badRequest, "Field '\(context.codingPath.last?.stringValue ?? "?")' has the wrong type.")
        } catch {
            throw HTTPFailure(.badRequest, "The request body is not the expected JSON object.")
        }
    }

    /// The value of a cookie.
    func cookie(_ name: String) -> String? {
        guard let header = headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                return String(pair[1]).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The bearer token of an `Authorization` header.
    var bearerToken: String? {
        guard let value = headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }
}
