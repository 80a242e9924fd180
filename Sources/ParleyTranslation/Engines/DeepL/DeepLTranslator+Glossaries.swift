import Foundation
import NIOHTTP1
import ParleyText
import Synchronization

/// DeepL's v2 glossary endpoints: `POST /v2/glossaries` (`name, source_lang, target_lang, entries,
/// entries_format`), `GET` and `DELETE /v2/glossaries/{glossary_id}`, `GET /v2/glossary-language-pairs`.
extension DeepLTranslator {
    /// A glossary as DeepL describes it.
    public struct GlossaryInfo: Sendable, Decodable, Hashable {
        public var glossary_id: String
        public var name: String
        public var ready: Bool
        public var source_lang: String
        public var target_lang: String
        public var creation_time: String
        public var entry_count: Int
    }

    struct GlossaryBody: Encodable {
        var name: String
        var source_lang: String
        var target_lang: String
        var entries: String
        var entries_format: String
    }

    /// Uploads the reviewed entries of `glossary` for one direction as TSV; DeepL glossaries are immutable, so a
    /// new version is a new glossary.
    public func createGlossary(
        _ glossary: Glossary, pair: LanguagePair, deadline: ContinuousClock.Instant? = nil
    )
        async throws -> GlossaryInfo
    {
        let body = GlossaryBody(
            name: "\(glossary.name)-\(glossary.version)-\(pair.source)-\(pair.target)",
            source_lang: pair.source.rawValue, target_lang: pair.target.rawValue, entries: glossary.deepLTSV(pair),
            entries_format: "tsv")
        let reply = try await http.send(.POST, url("/v2/glossaries"), headers: auth, json: body, deadline: deadline)
        try check(reply, success: 200...201)
        return try http.decode(GlossaryInfo.self, reply)
    }

    /// `GET /v2/glossaries/{id}`.
    public func glossaryInfo(id: String) async throws -> GlossaryInfo {
        let reply = try await http.send(
            .GET, url("/v2/glossaries/\(id)"), headers: auth, json: NoBody?.none, deadline: nil)
        try check(reply)
        return try http.decode(GlossaryInfo.self, reply)
    }

    /// `DELETE /v2/glossaries/{id}`.
    public func deleteGlossary(id: String) async throws {
        let reply = try await http.send(
            .DELETE, url("/v2/glossaries/\(id)"), headers: auth, json: NoBody?.none, deadline: nil)
        try check(reply, success: 200...204)
        glossaryIDs.forget(id: id)
    }

    /// The directions DeepL accepts glossaries for (`GET /v2/glossary-language-pairs`), restricted to ours.
    public func glossaryLanguagePairs() async throws -> [LanguagePair] {
        struct Answer: Decodable {
            struct Pair: Decodable { var source_lang: String; var target_lang: String }
            var supported_languages: [Pair]
        }
        let reply = try await http.send(
            .GET, url("/v2/glossary-language-pairs"), headers: auth, json: NoBody?.none, deadline: nil)
        try check(reply)
        return try http.decode(Answer.self, reply).supported_languages.compactMap { pair in
            guard let s = LanguageCode(parsing: pair.source_lang), let t = LanguageCode(parsing: pair.target_lang)
            else {
                return nil
            }
            return LanguagePair(s, t)
        }
    }

    /// The id of the uploaded glossary for this version and direction, uploading it on first use; `nil` when the
    /// glossary has no reviewed entry for the direction.
    func glossaryID(
        for glossary: Glossary, pair: LanguagePair, deadline: ContinuousClock.Instant?
    ) async throws
        -> String?
    {
        let key = "\(glossary.name)@\(glossary.version):\(pair.source)>\(pair.target)"
        if let id = glossaryIDs.id(for: key) { return id }
        guard !glossary.pairs(pair).isEmpty else { return nil }
        let info = try await createGlossary(glossary, pair: pair, deadline: deadline)
        glossaryIDs.remember(info.glossary_id, for: key)
        return info.glossary_id
    }
}

/// Uploaded glossary ids by glossary version and direction. Two concurrent first uses may both upload; the later id
/// wins and the other glossary stays unused on the account.
final class DeepLGlossaryIDs: Sendable {
    private let ids = Mutex<[String: String]>([:])

    func id(for key: String) -> String? { ids.withLock { $0[key] } }
    func remember(_ id: String, for key: String) { ids.withLock { $0[key] = id } }
    func forget(id: String) { ids.withLock { ids in ids = ids.filter { $0.value != id } } }
}
