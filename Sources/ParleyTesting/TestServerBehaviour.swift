/// How an in-process engine server answers translation requests. Switch it at any time with `server.behaviour = `.
public enum TestServerBehaviour: Sendable, Equatable {
    /// Translate with the server's tiny dictionary (and, for DeepL, its glossaries); keep tags.
    case translate
    /// Refuse the key: DeepL 403, LibreTranslate 403.
    case authFailure
    /// DeepL 456 "Quota exceeded".
    case quotaExceeded
    /// HTTP 429 with `Retry-After: seconds`.
    case rateLimited(retryAfter: Int)
    /// Never answer (until the server stops).
    case hang
    /// HTTP 200 with a body that is not JSON.
    case malformedJSON
    /// HTTP 500 with the API's error JSON.
    case internalError
    /// HTTP 503 (DeepL "service unavailable").
    case unavailable
    /// Translate, then move the first placeholder tag to the end of the text.
    case reorderPlaceholders
    /// Translate, then swap the first two placeholder tags in place.
    case swapPlaceholders
    /// Translate, then drop the first placeholder tag.
    case dropPlaceholder
    /// Translate, then write the first placeholder tag twice.
    case duplicatePlaceholder
    /// Translate, then escape the first placeholder tag into text (`&lt;x id=…/&gt;`), as a careless engine would.
    case manglePlaceholder
    /// Translate, then rewrite the first placeholder's number (`id="1"` → `id="91"`).
    case renumberPlaceholder
}
