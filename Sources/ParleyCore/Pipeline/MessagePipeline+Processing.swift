import Foundation
import Logging
import Metrics
import Synchronization
import ParleyText
import ParleyTranslation

extension MessagePipeline {
    /// Detects, translates within the deadline, releases; late translations are announced as they land.
    func process(_ message: ChatMessage) async {
        let conversation = message.conversationID
        do {
            if translatesInProcess { return try await analyseInProcess(message) }
            let detected = try await detect(message)
            let targets = try await targetLanguages(of: message, detected: detected.language)
            if targets.isEmpty {
                await release(conversation, seq: message.seq)
                return
            }
            await translate(message, from: detected.language, into: targets)
        } catch {
            logger.error(
                "Message processing failed",
                metadata: ["conversation.id": "\(conversation)", "message.seq": "\(message.seq)",
                           "error": "\(error)"])
            await release(conversation, seq: message.seq)
        }
    }

    /// With a translator that runs in process nothing can be late: detection and every translation are computed
    /// here, stored in one write and released together — no deadline timer, no task per target, one commit.
    private func analyseInProcess(_ message: ChatMessage) async throws {
        let detected = try await detection(of: message)
        var translations: [MessageTranslation] = []
        for target in try await targetLanguages(of: message, detected: detected.language)
            .sorted(by: { $0.rawValue < $1.rawValue })
        {
            translations.append(await translation(of: message, from: detected.language, into: target))
        }
        try await store.saveAnalysis(MessageAnalysis(
            conversationID: message.conversationID, seq: message.seq, language: detected.language,
            confidence: detected.confidence, translations: translations))
        await release(message.conversationID, seq: message.seq)
    }

    /// Runs the detector with the conversation's priors and stores its answer.
    func detect(_ message: ChatMessage) async throws -> DetectedLanguage {
        let detected = try await detection(of: message)
        try await store.setDetection(
            detected.language, confidence: detected.confidence, conversation: message.conversationID, seq: message.seq)
        return detected
    }

    /// The detector's answer for a message, with the conversation's priors.
    private func detection(of message: ChatMessage) async throws -> DetectedLanguage {
        let context = try await detectionContext(for: message)
        let detected = detector.detect(message.text, context: context)
        metrics.detectionOutcome([detected.language.rawValue]).increment()
        return detected
    }

    private func detectionContext(for message: ChatMessage) async throws -> DetectionContext {
        let participants = try await store.participants(of: message.conversationID)
        let sender = participants.first { $0.id == message.senderID }
        let depth = configuration.historyDepth
        let earlier = try await store.messages(
            in: message.conversationID, after: max(0, message.seq - 1 - depth), limit: depth)
        let history = earlier.filter { $0.seq < message.seq && $0.senderID == message.senderID }
            .reversed().compactMap(\.language).filter { $0 != .undetermined }
        let browser = sender?.role == .visitor ? try await browserLanguages(of: message.conversationID) : []
        return DetectionContext(history: Array(history), browserLanguages: browser, declared: sender?.language)
    }

    /// The visitor's browser languages, fixed when the conversation starts (so read once).
    private func browserLanguages(of conversation: ConversationID) async throws -> [LanguageCode] {
        if let known = browserLanguageCache.withLock({ $0[conversation] }) { return known }
        let languages = try await store.conversation(conversation)?.browserLanguages ?? []
        browserLanguageCache.withLock { cache in
            if cache.count >= 50_000 { cache.removeAll() }
            cache[conversation] = languages
        }
        return languages
    }

    /// The languages of the other participants that differ from the message's.
    func targetLanguages(of message: ChatMessage, detected: LanguageCode) async throws -> Set<LanguageCode> {
        guard detected != .undetermined else { return [] }
        let participants = try await store.participants(of: message.conversationID)
        return Set(participants.filter { $0.id != message.senderID && $0.language != detected }.map(\.language))
    }

    /// Translates into every target concurrently; releases the message when all are stored or the deadline passed.
    private func translate(_ message: ChatMessage, from source: LanguageCode, into targets: Set<LanguageCode>) async {
        enum Outcome { case translated(LanguageCode), deadline }
        let keys = targets.map { TranslationKey(conversation: message.conversationID, seq: message.seq, language: $0) }
        translating.withLock { for key in keys { $0.insert(key) } }
        await withTaskGroup(of: Outcome.self) { group in
            for target in targets {
                group.addTask {
                    await self.translateAndStore(message, from: source, into: target)
                    return .translated(target)
                }
            }
            let deadline = configuration.translationDeadline
            group.addTask {
                try? await self.clock.sleep(for: deadline)
                return .deadline
            }
            var remaining = targets.count
            var released = false
            while let outcome = await group.next() {
                var deadlinePassed = false
                switch outcome {
                case .translated(let language):
                    remaining -= 1
                    let key = TranslationKey(conversation: message.conversationID, seq: message.seq, language: language)
                    translating.withLock { _ = $0.remove(key) }
                    if released {
                        await bus.publish(
                            .translationStored(message.conversationID, seq: message.seq, language: language),
                            to: .conversation(message.conversationID))
                    }
                case .deadline:
                    deadlinePassed = true
                }
                if !released, remaining == 0 || deadlinePassed {
                    released = true
                    await release(message.conversationID, seq: message.seq)
                }
                if remaining == 0 { group.cancelAll() }
            }
        }
    }

    /// Translates one message into one language under the timeout and stores the result (`untranslated` on failure).
    @discardableResult
    func translateAndStore(
        _ message: ChatMessage, from source: LanguageCode, into target: LanguageCode
    ) async -> MessageTranslation? {
        let record = await translation(of: message, from: source, into: target)
        do {
            try await store.saveTranslation(record)
            return record
        } catch {
            logger.error("Storing a translation failed", metadata: ["conversation.id": "\(message.conversationID)",
                                                                    "message.seq": "\(message.seq)", "error": "\(error)"])
            return nil
        }
    }

    /// The translation record of one message into one language (`untranslated` when the engine failed).
    private func translation(
        of message: ChatMessage, from source: LanguageCode, into target: LanguageCode
    ) async -> MessageTranslation {
        let started = ContinuousClock.now
        let (translated, engine, quality) = await runEngine(message.text, pair: LanguagePair(source, target))
        metrics.translationDuration([engine, quality == .untranslated ? "untranslated" : "translated"])
            .recordInterval(since: started)
        return MessageTranslation(
            conversationID: message.conversationID, seq: message.seq, language: target, text: translated,
            engine: engine, quality: quality, createdAt: .now)
    }

    /// Calls the engine under ``PipelineConfiguration/translationTimeout`` (an engine that runs in process is called
    /// directly); failures give the original, untranslated.
    private func runEngine(
        _ text: String, pair: LanguagePair
    ) async -> (text: String, engine: String, quality: TranslationQuality) {
        guard let translator else { return (text, "none", .untranslated) }
        let timeout = configuration.translationTimeout
        let request = TranslationRequest(
            segments: [text], pair: pair, glossary: glossary, deadline: ContinuousClock.now.advanced(by: timeout))
        let result: TranslationResult? =
            if translatesInProcess {
                try? await translator.translate(request)
            } else {
                await withTaskGroup(of: TranslationResult?.self) { group in
                    group.addTask { try? await translator.translate(request) }
                    group.addTask {
                        try? await self.clock.sleep(for: timeout)
                        return nil
                    }
                    let first = await group.next() ?? nil
                    group.cancelAll()
                    return first
                }
            }
        guard let result, let segment = result.segments.first else {
            logger.debug("Translation failed", metadata: ["translation.engine": "\(translator.name)",
                                                          "translation.pair": "\(pair)"])
            return (text, translator.name, .untranslated)
        }
        return (segment.text, result.engine, segment.quality)
    }

    /// An on-demand translation: detects if needed, translates unless stored (with `force`: again, whatever is
    /// stored — a retry, or a corrected source language), announces the result.
    func translateOnRequest(
        _ conversation: ConversationID, seq: Int, language: LanguageCode, force: Bool
    ) async {
        do {
            guard var message = try await store.message(in: conversation, seq: seq) else { return }
            if message.language == nil {
                let detected = try await detect(message)
                message.language = detected.language
                message.confidence = detected.confidence
            }
            let (_, status) = message.delivery(for: language, recipient: nil)
            if status == .pending || (force && status != .none), let source = message.language {
                await translateAndStore(message, from: source, into: language)
            }
            await bus.publish(.translationStored(conversation, seq: seq, language: language),
                              to: .conversation(conversation))
        } catch {
            logger.error("On-demand translation failed", metadata: ["conversation.id": "\(conversation)",
                                                                    "message.seq": "\(seq)", "error": "\(error)"])
        }
    }
}
