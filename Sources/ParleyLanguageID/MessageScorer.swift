internal import Foundation
internal import Synchronization

/// Per-language evidence for one message: summed word log-likelihoods, and what the tokens were.
struct MessageScores: Sendable {
    /// Sum over scored words of log p(word | language), each word clamped; lanes past the language count unused.
    var total = SIMD8<Float>(repeating: 0)
    /// Words that counted as evidence.
    var scoredWords = 0
    /// Words that carry no language ("ok", "lol").
    var neutralWords = 0
    /// Words in scripts no profile covers.
    var foreignWords = 0

    /// Adds a chunk's scores.
    @inline(__always) mutating func add(_ other: MessageScores) {
        total += other.total
        scoredWords += other.scoredWords
        neutralWords += other.neutralWords
        foreignWords += other.foreignWords
    }
}

/// Receives each scored word while a message is scored; the detector's explanation is built from it.
protocol WordScoreRecorder {
    mutating func record(word: UnsafeBufferPointer<UInt32>, scores: SIMD8<Float>, lexicon: SIMD8<Float>)
}

/// Records nothing; the hot path's recorder, specialized away.
struct NoRecorder: WordScoreRecorder {
    @inline(__always) mutating func record(
        word: UnsafeBufferPointer<UInt32>, scores: SIMD8<Float>, lexicon: SIMD8<Float>
    ) {}
}

/// The hot path: one pass over a message's UTF-8 — chunking, folding, tokenizing, scoring — with no allocation.
///
/// A message's scores are the sum of its whitespace-delimited chunks' scores, each chunk scored on its own and then
/// added, so that a chunk's scores can be taken from `cache` (when nothing records the words) with the same result.
struct MessageScorer {
    static let maxWord = 48
    let model: LanguageModel
    var cache: ChunkScoreCache? = nil

    func score<R: WordScoreRecorder>(_ bytes: UnsafeBufferPointer<UInt8>, recorder: inout R) -> MessageScores {
        var scores = MessageScores()
        let cache = R.self == NoRecorder.self ? cache : nil
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * Self.maxWord) { scratch in
            var start = 0
            while start < bytes.count {
                while start < bytes.count && Self.isSpace(bytes[start]) { start += 1 }
                var end = start
                while end < bytes.count && !Self.isSpace(bytes[end]) { end += 1 }
                if end > start {
                    let chunk = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    let key = cache == nil ? nil : ChunkScoreCache.Key(chunk)
                    if let cache, let key, let known = cache.scores(of: key) {
                        scores.add(known)
                    } else {
                        var added = MessageScores()
                        if !ChunkFilter.carriesNoLanguage(chunk) { scoreChunk(chunk, scratch, &added, &recorder) }
                        if let cache, let key { cache.remember(added, of: key) }
                        scores.add(added)
                    }
                }
                start = end
            }
        }
        return scores
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Folds a whitespace-free chunk into words and scores each.
    private func scoreChunk<R: WordScoreRecorder>(
        _ chunk: UnsafeBufferPointer<UInt8>, _ scratch: UnsafeMutableBufferPointer<UInt32>,
        _ scores: inout MessageScores, _ recorder: inout R
    ) {
        var word = WordBuffer(scratch: scratch)
        var index = 0
        while index < chunk.count {
            let value = UTF8Decoding.next(chunk, &index)
            let entry = model.fold.entry(value)
            switch entry.kind {
            case .letter, .otherLetter: word.append(entry)
            case .mark: continue
            case .separator, .digit, .apostrophe:
                scoreWord(&word, &scores, &recorder)
            }
        }
        scoreWord(&word, &scores, &recorder)
    }

    private func scoreWord<R: WordScoreRecorder>(
        _ word: inout WordBuffer, _ scores: inout MessageScores, _ recorder: inout R
    ) {
        defer { word.reset() }
        guard word.markedCount > 0 else { return }
        if word.foreign {
            scores.foreignWords += 1
            return
        }
        let marked = word.marked
        let markedHash = FeatureHash.hash(marked, basis: FeatureHash.wordBasis)
        if model.neutral.contains(markedHash) {  // a few dozen entries: a scan beats hashing
            scores.neutralWords += 1
            return
        }
        // Warm both lexicon slots, score the characters meanwhile, then read the lexicon.
        sink(
            model.words.peek(markedHash)
                ^ model.words.peek(FeatureHash.hash(word.stripped, basis: FeatureHash.strippedBasis)))
        let characters = characterScores(word)
        let lexicon = lexiconScores(markedHash, word)
        var result = SIMD8<Float>(repeating: -.infinity)
        for language in 0..<model.languages.count {
            result[language] = Self.logAddExp(
                model.logKnown[language] + lexicon[language], model.logUnknown[language] + characters[language])
        }
        if let borrowing = model.borrowing {
            let source = result[borrowing.source]
            for language in 0..<model.languages.count where language != borrowing.source {
                result[language] = Self.logAddExp(borrowing.logRest + result[language], borrowing.logShare + source)
            }
        }
        result = result.replacing(
            with: result.max() - model.parameters.clamp, where: result .< result.max() - model.parameters.clamp)
        recorder.record(word: marked, scores: result, lexicon: lexicon)
        scores.total += result
        scores.scoredWords += 1
    }

    /// log p(word | language, in the lexicon), mixing in the accent-stripped reading for words typed without marks.
    @inline(__always) private func lexiconScores(_ markedHash: UInt32, _ word: WordBuffer) -> SIMD8<Float> {
        let count = model.languages.count
        var direct = SIMD8<Float>(repeating: -.infinity)
        if let slot = model.words.find(markedHash) {
            for language in 0..<count {
                direct[language] = Self.dequantize(model.words.value(slot: slot, language: language))
            }
        }
        guard !word.hasMark else { return direct }
        let strippedHash = FeatureHash.hash(word.stripped, basis: FeatureHash.strippedBasis)
        guard let slot = model.words.find(strippedHash) else { return direct }
        let share = model.parameters.accentless
        var mixed = direct
        for language in 0..<count {
            let value = model.words.value(slot: slot, language: language)
            guard value != FeatureTable.absent else { continue }
            mixed[language] = Self.logAddExp(log1p(-share) + direct[language], log(share) + Self.dequantize(value))
        }
        return mixed
    }

    @inline(__always) static func dequantize(_ value: UInt8) -> Float {
        value == FeatureTable.absent ? -.infinity : -Float(value) * 0.125
    }

    @inline(__always) static func logAddExp(_ a: Float, _ b: Float) -> Float {
        let high = max(a, b)
        let difference = min(a, b) - high
        guard difference > -14 else { return high }  // also covers -infinity; the term is below 1e-6
        return high + SoftplusTable.value(difference)
    }

    /// log p(word | language) under the character n-gram model of the stripped word, plus its diacritic letters.
    private func characterScores(_ word: WordBuffer) -> SIMD8<Float> {
        var total = SIMD8<Float>(repeating: 0)
        let sequence = word.ngramSequence
        prefetch(sequence)
        for position in 1..<sequence.count {
            total += ngramScore(sequence, position)
        }
        if word.hasMark {
            for scalar in word.marked where scalar >= 0x80 {
                if let row = model.letterRows[scalar] { total += model.letterScores[row] }
            }
        }
        return total
    }

    /// Touches the table slots of every position's two longest n-grams before scoring: independent loads the
    /// CPU overlaps, where the scoring loop's loads depend on each other and would stall one by one.
    @inline(__always) private func prefetch(_ sequence: UnsafeBufferPointer<UInt32>) {
        var touched: UInt32 = 0
        for position in 1..<sequence.count {
            let order = min(model.parameters.ngramOrder, position + 1)
            var hash = FeatureHash.ngramBasis
            for index in (position - order + 1)..<position { hash = FeatureHash.step(hash, sequence[index]) }
            touched ^= model.ngrams.peek(FeatureHash.step(hash, sequence[position]))
            if order > 1 {
                var shorter = FeatureHash.ngramBasis
                for index in (position - order + 2)...position { shorter = FeatureHash.step(shorter, sequence[index]) }
                touched ^= model.ngrams.peek(shorter)
            }
        }
        sink(touched)
    }

    /// log p(sequence[position] | up to four preceding scalars), backing off order by order per language.
    @inline(__always) private func ngramScore(_ sequence: UnsafeBufferPointer<UInt32>, _ position: Int) -> SIMD8<Float>
    {
        let count = model.languages.count
        var result = SIMD8<Float>(repeating: -model.parameters.ngramFloor)
        var unresolved: UInt32 = (1 << UInt32(count)) - 1
        var penalty: Float = 0
        var order = min(model.parameters.ngramOrder, position + 1)
        while order > 0 && unresolved != 0 {
            var hash = FeatureHash.ngramBasis
            for index in (position - order + 1)...position { hash = FeatureHash.step(hash, sequence[index]) }
            if let slot = model.ngrams.find(hash) {
                for language in 0..<count where unresolved & (1 << UInt32(language)) != 0 {
                    let value = model.ngrams.value(slot: slot, language: language)
                    if value != FeatureTable.absent {
                        result[language] = -Float(value) * 0.125 - penalty
                        unresolved &= ~(1 << UInt32(language))
                    }
                }
            }
            penalty += model.parameters.backoff
            order -= 1
        }
        return result
    }
}

/// The current word's marked and stripped scalars, kept in caller-provided scratch memory.
struct WordBuffer {
    private let scratch: UnsafeMutableBufferPointer<UInt32>
    private(set) var markedCount = 0
    /// Stripped scalars start at index `maxWord + 1`, after the word-begin marker at `maxWord`.
    private(set) var strippedCount = 0
    private(set) var hasMark = false
    private(set) var foreign = false

    init(scratch: UnsafeMutableBufferPointer<UInt32>) {
        self.scratch = scratch
        scratch[MessageScorer.maxWord] = FeatureHash.wordBegin
    }

    @inline(__always) mutating func append(_ entry: FoldEntry) {
        if entry.kind == .otherLetter { foreign = true }
        if entry.hasMark { hasMark = true }
        for index in 0..<entry.marked.count where markedCount < MessageScorer.maxWord {
            scratch[markedCount] = entry.marked[index]
            markedCount += 1
        }
        for index in 0..<entry.stripped.count where strippedCount < MessageScorer.maxWord * 2 {
            scratch[MessageScorer.maxWord + 1 + strippedCount] = entry.stripped[index]
            strippedCount += 1
        }
    }

    @inline(__always) mutating func reset() {
        markedCount = 0
        strippedCount = 0
        hasMark = false
        foreign = false
    }

    var marked: UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(rebasing: scratch[0..<markedCount])
    }

    var stripped: UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(
            rebasing: scratch[(MessageScorer.maxWord + 1)..<(MessageScorer.maxWord + 1 + strippedCount)])
    }

    /// Word-begin marker, stripped scalars, word-end marker.
    var ngramSequence: UnsafeBufferPointer<UInt32> {
        let end = MessageScorer.maxWord + 1 + strippedCount
        scratch[end] = FeatureHash.wordEnd
        return UnsafeBufferPointer(rebasing: scratch[MessageScorer.maxWord...end])
    }
}

/// Keeps a value alive so the loads that produced it are not optimized away.
@inline(never) func sink(_ value: UInt32) {
    if value == 0x5EED_F00D { sinkCount.withLock { $0 += 1 } }
}

private let sinkCount = Mutex(0)

/// `log(1 + exp(d))` for d in -14...0 by linear interpolation in a 1/16-step table (error < 1e-3 nats).
enum SoftplusTable {
    static let steps: Float = 16
    static let table: [Float] = (0...(14 * 16 + 1)).map { log1p(exp(-Float($0) / 16)) }

    @inline(__always) static func value(_ difference: Float) -> Float {
        let position = -difference * steps
        let index = Int(position)
        let fraction = position - Float(index)
        return table.withUnsafeBufferPointer { $0[index] + ($0[index + 1] - $0[index]) * fraction }
    }
}
