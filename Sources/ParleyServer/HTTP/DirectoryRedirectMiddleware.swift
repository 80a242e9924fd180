import HTTPTypes
import Hummingbird

/// Redirects a directory's address without its trailing slash (`/shop`) to the one with it (`/shop/`), keeping the
/// query. The static file middleware would serve the directory's `index.html` at both, and the page's relative links
/// (`cart.html`, `console.css`) would then resolve against the parent (`/cart.html`) and break.
struct DirectoryRedirectMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The served directories, without their trailing slash: `/shop`, `/console`.
    let directories: Set<String>

    @concurrent func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get || request.method == .head, directories.contains(request.uri.path) else {
            return try await next(request, context)
        }
        let query = request.uri.query.map { "?\($0)" } ?? ""
        return Response(status: .movedPermanently, headers: [.location: request.uri.path + "/" + query])
    }
}
