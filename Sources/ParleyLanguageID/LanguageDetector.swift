internal import Foundation
public import ParleyText

/// Identifies the language of short chat messages among a configured set of languages (de, en, et, tr shipped).
///
/// Scores each word under every language — its frequency in the language's lexicon (also in accent-stripped form,
/// so "siparisim" counts as "siparişim"), mixed with a character 1–5-gram model of the language's words and its
/// diacritic letters — and sums the clamped word scores naive-Bayes style; a temperature turns scores into
/// calibrated probabilities. A `Sendable` value: load once, share across tasks.
///
/// ```swift
/// let detector = try LanguageDetector(profileDirectory: "Dictionaries/langid")
/// detector.detect("tere, kas saate aidata?").language   // "et"
/// ```
public struct LanguageDetector: Sendable {
    let model: LanguageModel
    /// Recent chunks' scores, shared by every copy of this detector.
    let chunkCache = ChunkScoreCache()

    /// The languages this detector chooses among, in the order of ``LanguageDetection/logits``.
    public var languages: [LanguageCode] { model.languages }

    /// Bytes the loaded model keeps resident.
    public var residentBytes: Int { model.residentBytes }

    /// True when the model's tables were read from ``MergedTable`` (the fast load); false when they were built
    /// from the profiles (no `merged.table`, or it lacks one of the languages).
    public var loadedFromMergedTable: Bool { model.fromMergedTable }

    /// Loads the model of `languages` (default: every profile in the directory) from `profileDirectory`: from its
    /// ``MergedTable`` when that holds every one of the languages, else from the `.profile` files.
    ///
    /// - Throws: ``LanguageIDError`` when a profile is missing or damaged, a language has no profile, or
    ///   `merged.table` is damaged or was built from other profiles (``LanguageIDError/Code/staleTable``).
    public init(profileDirectory: String, languages: [LanguageCode]? = nil) throws(LanguageIDError) {
        let chosen = languages ?? LanguageModel.availableLanguages(in: profileDirectory)
        model = try LanguageModel(directory: profileDirectory, languages: chosen)
    }

    /// Languages with a profile in `directory`.
    public static func availableLanguages(in directory: String) -> [LanguageCode] {
        LanguageModel.availableLanguages(in: directory)
    }

    /// Detects the language of `text`.
    public func detect(_ text: String) -> LanguageDetection {
        var recorder = NoRecorder()
        return detection(text, &recorder, explained: false)
    }

    /// Detects the language of `text` and lists the words that decided it (slower; for the operator console).
    public func explain(_ text: String) -> LanguageDetection {
        var recorder = EvidenceRecorder(languageCount: languages.count, temperature: model.parameters.temperature)
        return detection(text, &recorder, explained: true)
    }

    /// The best language's index in ``languages`` (or `nil` for `und`) and its confidence, without allocating:
    /// the batch path of `parley detect`. With `cached` false every chunk is scored afresh (the same answer; for
    /// measuring the model's own cost on text it has not seen).
    public func classify(
        utf8 bytes: UnsafeBufferPointer<UInt8>, cached: Bool = true
    ) -> (language: Int?, confidence: Float) {
        var recorder = NoRecorder()
        let scores = MessageScorer(model: model, cache: cached ? chunkCache : nil).score(bytes, recorder: &recorder)
        guard scores.scoredWords > 0 else { return (nil, 1) }
        let logits = scores.total / SIMD8(repeating: model.parameters.temperature)
        var best = 0
        for language in 1..<languages.count where logits[language] > logits[best] { best = language }
        var sum: Float = 0
        for language in 0..<languages.count { sum += exp(logits[language] - logits[best]) }
        return (best, 1 / sum)
    }

    private func detection<R: WordScoreRecorder & EvidenceListing>(
        _ text: String, _ recorder: inout R, explained: Bool
    ) -> LanguageDetection {
        var text = text
        let scores = text.withUTF8 { MessageScorer(model: model, cache: chunkCache).score($0, recorder: &recorder) }
        let evidence = explained ? recorder.evidence(languages: languages) : []
        guard scores.scoredWords > 0 else {
            return LanguageDetection(
                guesses: [], logits: Array(repeating: 0, count: languages.count), wordCount: 0, evidence: evidence)
        }
        let logits = (0..<languages.count).map { Double(scores.total[$0] / model.parameters.temperature) }
        let probabilities = softmax(logits)
        var guesses = languages.indices.map { LanguageGuess(language: languages[$0], confidence: probabilities[$0]) }
        guesses.sort { $0.confidence > $1.confidence }
        return LanguageDetection(guesses: guesses, logits: logits, wordCount: scores.scoredWords, evidence: evidence)
    }
}

/// Something that can list the evidence it saw.
protocol EvidenceListing {
    func evidence(languages: [LanguageCode]) -> [WordEvidence]
}

extension NoRecorder: EvidenceListing {
    func evidence(languages: [LanguageCode]) -> [WordEvidence] { [] }
}

/// Keeps every scored word with its per-language scores, to explain a detection.
struct EvidenceRecorder: WordScoreRecorder, EvidenceListing {
    let languageCount: Int
    let temperature: Float
    private var words: [(word: String, scores: SIMD8<Float>, lexicon: SIMD8<Float>)] = []

    init(languageCount: Int, temperature: Float) {
        self.languageCount = languageCount
        self.temperature = temperature
    }

    mutating func record(word: UnsafeBufferPointer<UInt32>, scores: SIMD8<Float>, lexicon: SIMD8<Float>) {
        var text = String.UnicodeScalarView()
        for value in word { if let scalar = Unicode.Scalar(value) { text.append(scalar) } }
        words.append((String(text), scores, lexicon))
    }

    func evidence(languages: [LanguageCode]) -> [WordEvidence] {
        words.map { entry in
            let order = (0..<languageCount).sorted { entry.scores[$0] > entry.scores[$1] }
            let margin = languageCount > 1 ? entry.scores[order[0]] - entry.scores[order[1]] : 0
            return WordEvidence(
                word: entry.word, favours: languages[order[0]], margin: Double(margin / temperature),
                fromLexicon: entry.lexicon[order[0]] > -.infinity,
                scores: (0..<languageCount).map { Double(entry.scores[$0] / temperature) })
        }
        .sorted { $0.margin > $1.margin }
    }
}
