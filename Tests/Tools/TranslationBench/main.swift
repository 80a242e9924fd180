// The translation layer's own overhead (`make bench-translation`, release build): masking, glossary enforcement and
// the cache around an engine that does no work, on typical 80–200-character chat messages with the shipped glossary.
// Bounded: a fixed number of calls per measure (a few seconds in all, however busy the machine).
// Each call is timed with the wall clock and with the thread's CPU time, which leaves out the time the thread waited
// for a core (on a busy machine the wall-clock tail is scheduling, not work). The calls run in one detached task and
// never suspend, so a call starts and ends on the same thread.
// Usage: TranslationBench [calls-per-measure] [glossary.tsv]
import Foundation
import ParleyText
import ParleyTranslation

/// An engine that does no work, so the figures are the layer's own cost.
struct NoOpEngine: Translator {
    /// `.xml` as DeepL and LibreTranslate take placeholders, `.brackets` as the phrasebook.
    var placeholderStyle: PlaceholderStyle = .brackets
    var name: String { "noop" }
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        TranslationResult(
            segments: request.segments.map { TranslatedSegment(text: $0, quality: .machine) }, engine: name,
            duration: .zero)
    }
}

/// Typical chat messages (80–200 characters) with glossary terms and protected spans, in the four languages.
let messages: [(String, LanguagePair)] = [
    (
        "Hallo, Ihre Bestellung A-2024-0042 über 19,99 € liegt noch im Warenkorb: https://shop.example.com/cart 👍",
        .init("de", "tr")
    ),
    (
        "Guten Tag! Ich habe meine Bestellung #48213 am 12.03.2026 bezahlt, aber noch keine Rechnung bekommen. Können Sie helfen?",
        .init("de", "en")
    ),
    (
        "Das Rücksendeetikett für die Rückerstattung schicken wir an anna.berg@example.com, bitte drucken Sie es aus.",
        .init("de", "et")
    ),
    (
        "Die Lieferung mit DHL dauert 2-3 Werktage, Expressversand kostet 4,90 € extra. Die Sendungsnummer folgt per Mail.",
        .init("de", "tr")
    ),
    (
        "Hi, I paid for order #55120 with PayPal yesterday but the invoice still says unpaid. Could you check it please?",
        .init("en", "de")
    ),
    (
        "Your refund of €49.90 was issued today; it can take 5 business days to reach your credit card. Anything else?",
        .init("en", "tr")
    ),
    (
        "Can I change the delivery address for my parcel? The tracking number is 00340434161234567890 and it ships tomorrow.",
        .init("en", "et")
    ),
    (
        "Tere! Minu tellimus A-2024-0107 pole veel kohale jõudnud, kuigi Omniva lubas tarne eilseks. Kus mu pakk on?",
        .init("et", "de")
    ),
    (
        "Kas ma saan tellimuse tühistada? Maksin pangaülekandega 35,00 € ja tahaksin raha tagasi saada, palun.",
        .init("et", "en")
    ),
    (
        "Merhaba, siparişim #77841 hâlâ gelmedi. Kargo takip numarası çalışmıyor, Yurtiçi Kargo ile görüşebilir misiniz?",
        .init("tr", "de")
    ),
    (
        "Siparişinizi iptal ettik, para iadesi 3-5 iş günü içinde kredi kartınıza yansıyacak. Başka bir sorunuz var mı? 🙂",
        .init("tr", "en")
    ),
    (
        "İade etiketini e-posta ile gönderdim: destek@shop.example.com. Ürünü kargoya verdikten sonra bize yazın lütfen.",
        .init("tr", "et")
    ),
]

func threadCPUTime() -> Duration {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
}

func microseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.1f µs", Double(seconds) * 1e6 + Double(attoseconds) / 1e12)
}

func percentile(_ sorted: [Duration], _ p: Double) -> Duration {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

/// Calls `translator` `calls` times over the messages (after one warm-up round); prints CPU and wall percentiles.
func measure(_ label: String, _ translator: some Translator, glossary: Glossary, calls: Int) async throws {
    let requests = messages.map { TranslationRequest(segments: [$0.0], pair: $0.1, glossary: glossary) }
    for request in requests { _ = try await translator.translate(request) }
    let clock = ContinuousClock()
    var cpu: [Duration] = []
    var wall: [Duration] = []
    cpu.reserveCapacity(calls)
    wall.reserveCapacity(calls)
    for index in 0..<calls {
        let request = requests[index % requests.count]
        let (wallStart, cpuStart) = (clock.now, threadCPUTime())
        let result = try await translator.translate(request)
        cpu.append(threadCPUTime() - cpuStart)
        wall.append(clock.now - wallStart)
        precondition(result.segments.count == 1)
    }
    cpu.sort()
    wall.sort()
    let name = label.padding(toLength: 44, withPad: " ", startingAt: 0)
    print(
        "\(name) CPU p50 \(microseconds(percentile(cpu, 0.5)))  p99 \(microseconds(percentile(cpu, 0.99)))   "
            + "wall p50 \(microseconds(percentile(wall, 0.5)))  p99 \(microseconds(percentile(wall, 0.99)))")
}

let arguments = Array(CommandLine.arguments.dropFirst())
let calls = arguments.first.flatMap(Int.init) ?? 20_000
let glossaryPath = arguments.dropFirst().first ?? "Dictionaries/glossaries/shop.tsv"

let run = Task.detached {
    let glossary = try GlossaryLoader().load(path: glossaryPath)
    let lengths = messages.map(\.0.count)
    print(
        "\(messages.count) messages of \(lengths.min()!)–\(lengths.max()!) characters, glossary \(glossary.name) "
            + "(\(glossary.entries.count) concepts), \(calls) calls per measure")
    let engine = NoOpEngine()
    let layered = MaskingTranslator(wrapping: GlossaryEnforcingTranslator(wrapping: engine))
    try await measure("no-op engine alone", engine, glossary: glossary, calls: calls)
    try await measure("masking + glossary around it (overhead)", layered, glossary: glossary, calls: calls)
    let xml = MaskingTranslator(wrapping: GlossaryEnforcingTranslator(wrapping: NoOpEngine(placeholderStyle: .xml)))
    try await measure("the same with XML placeholders (DeepL, Libre)", xml, glossary: glossary, calls: calls)
    let cached = CachingTranslator(wrapping: layered, capacity: 10_000)
    try await measure("cache hit (cache + masking + glossary)", cached, glossary: glossary, calls: calls)
    let missing = CachingTranslator(wrapping: layered, capacity: 1)
    try await measure("cache miss (cache + masking + glossary)", missing, glossary: glossary, calls: calls)
}
try await run.value
