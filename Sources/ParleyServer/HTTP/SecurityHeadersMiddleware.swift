import HTTPTypes
import Hummingbird

/// Security headers on every HTTP response of the relay, chosen by what the path serves. WebSocket upgrades are routed
/// elsewhere and check their `Origin` themselves.
///
/// | paths | headers |
/// | --- | --- |
/// | `/console/…`, `/` | the console's (and the start page's) strict CSP (only its own scripts, styles and relay) with `frame-ancestors 'none'`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` |
/// | `/shop/…` | the demo shop's CSP (its own scripts and styles, the relay it embeds), framing by itself only |
/// | `/widget/…` | readable by every site that embeds the widget: a third-party page imports its ES modules in CORS mode (`Access-Control-Allow-Origin: *`, `Cross-Origin-Resource-Policy: cross-origin`); no CSP, which a script does not use |
/// | `/api/v1/visitor/…` | CORS for the widget on any site, preflight answered here: the API takes no cookies, and the endpoint itself refuses origins the site does not allow |
/// | every other path | `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`, `Referrer-Policy: no-referrer` |
///
/// Every response gets `X-Content-Type-Options: nosniff`. Add it to the router before any route: Hummingbird applies
/// a router middleware to the routes added after it (and to the not-found chain, where the static files are).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy of the console's pages and the relay's start page.
    static var consolePolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    /// The policy of the demo shop's pages (the widget loads from the same relay).
    static var shopPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    }

    /// The policy of API answers and anything else that is not a page: nothing may load, nobody may frame it.
    static var apiPolicy: String { "default-src 'none'; frame-ancestors 'none'" }

    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }
    static var frameOptions: HTTPField.Name { HTTPField.Name("X-Frame-Options")! }

    @concurrent func handle(
        _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if request.method == .options, path.hasPrefix("/api/v1/visitor/") {
            return Response(status: .noContent, headers: Self.headers(for: path, preflight: true))
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Errors become responses here rather than in the server, so that they carry the headers too.
            response = try error.response(from: request, context: context)
        }
        response.headers.append(contentsOf: Self.headers(for: path, preflight: false))
        return response
    }

    /// The headers a response to `path` gets (a preflight answer also names the methods and headers it allows).
    static func headers(for path: String, preflight: Bool) -> HTTPFields {
        var fields: HTTPFields = [.xContentTypeOptions: "nosniff"]
        if path == "/" || path == "/index.html" || path == "/console" || path.hasPrefix("/console/") {
            fields[.contentSecurityPolicy] = consolePolicy
            fields[frameOptions] = "DENY"
            fields[referrerPolicy] = "no-referrer"
        } else if path == "/shop" || path.hasPrefix("/shop/") {
            fields[.contentSecurityPolicy] = shopPolicy
            fields[referrerPolicy] = "strict-origin-when-cross-origin"
        } else if path.hasPrefix("/widget/") {
            fields[.accessControlAllowOrigin] = "*"
            fields[.crossOriginResourcePolicy] = "cross-origin"
        } else {
            fields[.contentSecurityPolicy] = apiPolicy
            fields[referrerPolicy] = "no-referrer"
            if path.hasPrefix("/api/v1/visitor/") {
                fields[.accessControlAllowOrigin] = "*"
                if preflight {
                    fields[.accessControlAllowMethods] = "GET, POST, OPTIONS"
                    fields[.accessControlAllowHeaders] = "Content-Type"
                    fields[.accessControlMaxAge] = "600"
                }
            }
        }
        return fields
    }
}
