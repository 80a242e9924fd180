/// chrF, the character n-gram F-score (Popović 2015) as sacrebleu computes it by default: character n-grams of
/// orders 1…6 over the text with all whitespace removed, precision and recall averaged over the orders that occur,
/// then combined as F-β with β = 2 (recall weighs twice). Scores are 0…100.
public struct ChrF: Sendable {
    /// Matched, hypothesis and reference n-gram counts per order; corpus scores sum these over sentences.
    public struct Statistics: Sendable, Hashable {
        public var matches: [Int]
        public var hypothesisTotals: [Int]
        public var referenceTotals: [Int]

        public init(order: Int) {
            matches = Array(repeating: 0, count: order)
            hypothesisTotals = matches
            referenceTotals = matches
        }

        public static func += (lhs: inout Statistics, rhs: Statistics) {
            for n in lhs.matches.indices {
                lhs.matches[n] += rhs.matches[n]
                lhs.hypothesisTotals[n] += rhs.hypothesisTotals[n]
                lhs.referenceTotals[n] += rhs.referenceTotals[n]
            }
        }
    }

    public var order: Int
    public var beta: Double

    public init(order: Int = 6, beta: Double = 2) {
        self.order = order
        self.beta = beta
    }

    /// The n-gram statistics of one hypothesis against one reference.
    public func statistics(hypothesis: String, reference: String) -> Statistics {
        let hyp = Self.characters(hypothesis)
        let ref = Self.characters(reference)
        var stats = Statistics(order: order)
        for n in 1...order {
            let hypGrams = Self.ngrams(hyp, n)
            let refGrams = Self.ngrams(ref, n)
            stats.hypothesisTotals[n - 1] = max(0, hyp.count - n + 1)
            stats.referenceTotals[n - 1] = max(0, ref.count - n + 1)
            stats.matches[n - 1] = hypGrams.reduce(0) { $0 + min($1.value, refGrams[$1.key] ?? 0) }
        }
        return stats
    }

    /// The statistics against the best-scoring of several references (sacrebleu's rule for multiple references).
    public func statistics(hypothesis: String, references: [String]) -> Statistics {
        let all = references.map { statistics(hypothesis: hypothesis, reference: $0) }
        return all.max { score($0) < score($1) } ?? Statistics(order: order)
    }

    /// The score, 0…100, of accumulated statistics.
    public func score(_ stats: Statistics) -> Double {
        var precision = 0.0
        var recall = 0.0
        var effectiveOrder = 0
        for n in 0..<order where stats.hypothesisTotals[n] > 0 && stats.referenceTotals[n] > 0 {
            precision += Double(stats.matches[n]) / Double(stats.hypothesisTotals[n])
            recall += Double(stats.matches[n]) / Double(stats.referenceTotals[n])
            effectiveOrder += 1
        }
        guard effectiveOrder > 0 else { return 0 }
        precision /= Double(effectiveOrder)
        recall /= Double(effectiveOrder)
        let factor = beta * beta
        guard precision + recall > 0 else { return 0 }
        return 100 * (1 + factor) * precision * recall / (factor * precision + recall)
    }

    /// The score of one hypothesis against one reference.
    public func score(hypothesis: String, reference: String) -> Double {
        score(statistics(hypothesis: hypothesis, reference: reference))
    }

    /// Code points without whitespace, as Python's `"".join(text.split())` leaves them.
    private static func characters(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { !$0.properties.isWhitespace }
    }

    private static func ngrams(_ characters: [Unicode.Scalar], _ n: Int) -> [String: Int] {
        guard characters.count >= n else { return [:] }
        var counts: [String: Int] = [:]
        for start in 0...(characters.count - n) {
            var gram = String.UnicodeScalarView()
            gram.append(contentsOf: characters[start..<(start + n)])
            counts[String(gram), default: 0] += 1
        }
        return counts
    }
}
