// Phrasebook latency and throughput (`make bench-phrasebook`, release build).
// Translates every message of the development set in all 12 directions, several rounds, timing each message with
// ContinuousClock and with the thread's CPU time; prints p50/p90/p99/max latency per message and messages per second
// on one core; then messages with an order number (as `make bench-relay` sends them) through the engine alone and
// through the relay's whole chain, one layer at a time.
// Usage: PhrasebookBench [rounds] [dev-set.tsv] [phrasebook-directory]
import AsyncHTTPClient
import Foundation
import ParleyText
import ParleyTranslation

let arguments = Array(CommandLine.arguments.dropFirst())
let rounds = arguments.first.flatMap(Int.init) ?? 20
let devSet = arguments.dropFirst().first ?? "Samples/evaluation/phrasebook-dev.tsv"
let directory = arguments.dropFirst(2).first ?? "Dictionaries/phrasebook"

func percentile(_ sorted: [Duration], _ p: Double) -> Duration {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

func microseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.1f µs", Double(seconds) * 1e6 + Double(attoseconds) / 1e12)
}

func report(_ name: String, _ samples: [Duration], total: Duration) {
    let sorted = samples.sorted()
    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
    print(
        "\(name): \(samples.count) messages  p50 \(microseconds(percentile(sorted, 0.5)))  "
            + "p90 \(microseconds(percentile(sorted, 0.9)))  p99 \(microseconds(percentile(sorted, 0.99)))  "
            + "max \(microseconds(sorted.last!))  throughput \(Int(Double(samples.count) / seconds)) messages/s")
}

/// CPU time of the calling thread: unlike the wall clock it does not count time the thread waited to be scheduled,
/// which dominates the tail on a busy machine.
func threadCPUTime() -> Duration {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
}

let clock = ContinuousClock()
let loadStart = clock.now
// The engine's own cost: without the sentence memo, which would answer every round after the first.
let translator = PhrasebookTranslator(phrasebook: try PhrasebookLoader().load(directory: directory), memoCapacity: 0)
print("load \(translator.phrasebook.groups.count) phrase groups: \(clock.now - loadStart)")
let evaluation = try PhrasebookEvaluation(file: devSet)
let languages = evaluation.languages
var work: [(String, LanguagePair)] = []
for row in evaluation.rows {
    for source in languages {
        for target in languages where target != source {
            if let text = row.texts[source]?.first { work.append((text, LanguagePair(source, target))) }
        }
    }
}

// Warm-up: ICU break iterators and formatters are opened on first use.
for (text, pair) in work { _ = translator.translate(text, pair: pair) }

var samples: [Duration] = []
var cpuSamples: [Duration] = []
samples.reserveCapacity(work.count * rounds)
cpuSamples.reserveCapacity(work.count * rounds)
let start = clock.now
let cpuStart = threadCPUTime()
for _ in 0..<rounds {
    for (text, pair) in work {
        let before = clock.now
        let cpuBefore = threadCPUTime()
        let result = translator.translate(text, pair: pair)
        cpuSamples.append(threadCPUTime() - cpuBefore)
        samples.append(clock.now - before)
        precondition(!result.text.isEmpty)
    }
}
report("typical chat messages (sync, wall clock)", samples, total: clock.now - start)
report("typical chat messages (sync, thread CPU time)", cpuSamples, total: threadCPUTime() - cpuStart)

// Each message's fastest of the rounds: separates the engine's own cost from scheduling noise on a busy machine.
var fastest: [(Duration, String)] = []
for (index, (text, pair)) in work.enumerated() {
    let times = (0..<rounds).map { samples[$0 * work.count + index] }
    fastest.append((times.min()!, "\(pair) \(text)"))
}
let fastestSorted = fastest.map(\.0).sorted()
print(
    "per-message minimum over the rounds: p50 \(microseconds(percentile(fastestSorted, 0.5)))  "
        + "p99 \(microseconds(percentile(fastestSorted, 0.99)))  max \(microseconds(fastestSorted.last!))")
for (time, label) in fastest.sorted(by: { $0.0 > $1.0 }).prefix(5) { print("  \(microseconds(time))  \(label)") }

// Through the Translator protocol: one request per message, as the relay sends them.
var asyncSamples: [Duration] = []
let asyncStart = clock.now
for (text, pair) in work {
    let before = clock.now
    _ = try await translator.translate(TranslationRequest(segments: [text], pair: pair))
    asyncSamples.append(clock.now - before)
}
report("typical chat messages (Translator.translate)", asyncSamples, total: clock.now - asyncStart)

// A long message nothing matches: the worst case of the sentence cover search.
let long = String(
    repeating: "Ich habe gestern im Laden gefragt, aber niemand wusste etwas über die Lieferung. ", count: 8)
var longSamples: [Duration] = []
let longStart = threadCPUTime()
for _ in 0..<200 {
    let before = threadCPUTime()
    _ = translator.translate(long, pair: LanguagePair("de", "en"))
    longSamples.append(threadCPUTime() - before)
}
report(
    "long unmatched message (\(long.count) characters, thread CPU time)", longSamples,
    total: threadCPUTime() - longStart)

// Messages with an order number, as `make bench-relay` sends them: the number is a slot value, the rest a phrase.
let ordered = [
    ("Merhaba, siparişim nerede? Sipariş numaram #", LanguageCode("tr")),
    ("Hallo, wo ist meine Bestellung? Bestellnummer #", LanguageCode("de")),
    ("Tere, kus on minu tellimus? Tellimuse number #", LanguageCode("et")),
    ("Hello, where is my order? Order number #", LanguageCode("en")),
]
/// Translates each ordered message into every other language, 500 rounds with a new number each; CPU time per call.
func orderNumberRun(_ label: String, with engine: PhrasebookTranslator) {
    var samples: [Duration] = []
    let start = threadCPUTime()
    for round in 0..<500 {
        for (text, source) in ordered {
            for target in languages where target != source {
                let before = threadCPUTime()
                _ = engine.translate(text + String(100_000 + round), pair: LanguagePair(source, target))
                samples.append(threadCPUTime() - before)
            }
        }
    }
    report(label, samples, total: threadCPUTime() - start)
}
orderNumberRun("messages with an order number (thread CPU time)", with: translator)
// The same with the sentence memo, as the relay translates: the greeting and question come from the memo, the
// sentence with the number (new every time) is matched.
orderNumberRun(
    "messages with an order number, sentence memo (thread CPU time)",
    with: PhrasebookTranslator(phrasebook: translator.phrasebook))

// The same messages through the chain `parley serve` builds for the phrasebook, one layer at a time from the inside:
// the phrasebook with its memo, the glossary check of its output (with the shipped glossaries), the engine chain, the
// concurrency limit; last the whole chain as `makeTranslator` builds it for the relay (the translation cache in
// front, and no concurrency limit: in front of engines that run in process it cannot bind, so `makeTranslator` leaves
// it out). One request per message, as the relay sends it; every message is new, as in `make bench-relay`.
let glossaryDirectory = URL(fileURLWithPath: directory).deletingLastPathComponent().appendingPathComponent("glossaries")
let glossaryPaths = try FileManager.default.contentsOfDirectory(atPath: glossaryDirectory.path)
    .filter { $0.hasSuffix(".tsv") }.sorted().map { glossaryDirectory.appendingPathComponent($0).path }
let shopGlossary = try GlossaryLoader().load(paths: glossaryPaths)

/// CPU time per call on a thread of the concurrency pool (the thread's CPU time is only this call's when the call
/// does not move between threads, which nothing in these layers makes it do). The first 12,000 calls, not timed,
/// fill the translation cache (10,000), as in a relay that has run a while.
func chainRun(_ label: String, _ chain: some Translator) async throws {
    func request(_ text: String, _ number: Int, _ pair: LanguagePair) -> TranslationRequest {
        TranslationRequest(segments: [text + String(number)], pair: pair, glossary: shopGlossary)
    }
    for round in 0..<1_000 {
        for (text, source) in ordered {
            for target in languages where target != source {
                _ = try await chain.translate(request(text, 300_000 + round, LanguagePair(source, target)))
            }
        }
    }
    var samples: [Duration] = []
    let start = threadCPUTime()
    for round in 0..<500 {
        for (text, source) in ordered {
            for target in languages where target != source {
                let message = request(text, 200_000 + round, LanguagePair(source, target))
                let before = threadCPUTime()
                _ = try await chain.translate(message)
                samples.append(threadCPUTime() - before)
            }
        }
    }
    report("order number, " + label, samples, total: threadCPUTime() - start)
}
try await Task.detached {
    let phrasebook = translator.phrasebook
    let checked = { GlossaryEnforcingTranslator(wrapping: PhrasebookTranslator(phrasebook: phrasebook)) }
    try await chainRun("phrasebook (Translator.translate)", PhrasebookTranslator(phrasebook: phrasebook))
    try await chainRun("+ glossary check", checked())
    try await chainRun("+ engine chain", TranslatorChain([checked()]))
    try await chainRun(
        "+ concurrency limit", ConcurrencyLimitedTranslator(wrapping: TranslatorChain([checked()]), limit: 32))
    var relay = TranslationConfiguration(engines: ["phrasebook"])
    relay.phrasebookDirectory = directory
    try await chainRun(
        "+ translation cache: the relay's chain", try makeTranslator(configuration: relay, httpClient: .shared))
}.value
