import Foundation
import Logging
import Metrics
import Synchronization
import ParleyText
import ParleyTranslation

extension MessagePipeline {
    /// With a translator that runs in process, the detection and translations of a message about to be stored, so
    /// that the store keeps them with it in one write (``MessageDraft/analysis``) and the message is complete when it
    /// is acknowledged: no second write, no deadline timer, no task per target. `nil` with a remote translator, or
    /// when the conversation could not be read (the message is then analysed after it is stored). Runs on the
    /// pipeline's analysis threads (``AnalysisExecutor``) when it has them.
    public func analysis(of draft: MessageDraft) async -> MessageAnalysis? {
        guard translatesInProcess else { return nil }
        guard let analysisExecutor else { return await analyse(draft) }
        return await withTaskExecutorPreference(analysisExecutor) { await analyse(draft) }
    }

    private func analyse(_ draft: MessageDraft) async -> MessageAnalysis? {
        do {
            let history = try await store.latestMessages(in: draft.conversationID, limit: configuration.historyDepth)
            let participants = try await store.participants(of: draft.conversationID)
            let detected = try await detection(
                of: draft.text, from: draft.senderID, in: draft.conversationID, participants: participants,
                earlier: history)
            var translations: [MessageTranslation] = []
            for target in Self.targetLanguages(participants, sender: draft.senderID, detected: detected.language) {
                translations.append(await translation(
                    of: draft.text, in: draft.conversationID, seq: 0, from: detected.language, into: target))
            }
            return MessageAnalysis(
                conversationID: draft.conversationID, seq: 0, language: detected.language,
                confidence: detected.confidence, translations: translations)
        } catch {
            logger.error("Analysing a message before storing it failed",
                         metadata: ["conversation.id": "\(draft.conversationID)", "error": "\(error)"])
            return nil
        }
    }

    /// Detects, translates within the deadline, releases; late translations are announced as they land.
    func process(_ message: ChatMessage) async {
        let conversation = message.conversationID
        do {
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

    /// Runs the detector with the conversation's priors and stores its answer.
    func detect(_ message: ChatMessage) async throws -> DetectedLanguage {
        let depth = configuration.historyDepth
        let earlier = try await store.messages(
            in: message.conversationID, after: max(0, message.seq - 1 - depth), limit: depth
        ).filter { $0.seq < message.seq }
        let participants = try await store.participants(of: message.conversationID)
        let detected = try await detection(
            of: message.text, from: message.senderID, in: message.conversationID, participants: participants,
            earlier: earlier)
        try await store.setDetection(
            detected.language, confidence: detected.confidence, conversation: message.conversationID, seq: message.seq)
        return detected
    }

    /// The detector's answer for a message of `sender`, with the conversation's priors: the languages of the
    /// sender's `earlier` messages, a visitor's browser languages, the sender's declared language.
    private func detection(
        of text: String, from sender: ParticipantID, in conversation: ConversationID, participants: [Participant],
        earlier: [ChatMessage]
    ) async throws -> DetectedLanguage {
        let participant = participants.first { $0.id == sender }
        // The sender's detected languages, newest first, in one array.
        var history: [LanguageCode] = []
        history.reserveCapacity(earlier.count)
        for message in earlier.reversed() where message.senderID == sender {
            if let language = message.language, language != .undetermined { history.append(language) }
        }
        let browser = participant?.role == .visitor ? try await browserLanguages(of: conversation) : []
        return record(detector.detect(
            text, context: DetectionContext(history: history, browserLanguages: browser,
                                            declared: participant?.language)))
    }

    private func record(_ detected: DetectedLanguage) -> DetectedLanguage {
        metrics.detectionOutcome([detected.language.rawValue]).increment()
        return detected
    }

    /// The visitor's browser languages, fixed when the conversation starts (so read once, or never: see
    /// ``conversationStarted(_:)``).
    private func browserLanguages(of conversation: ConversationID) async throws -> [LanguageCode] {
        if let known = browserLanguageCache.withLock({ $0[conversation] }) { return known }
        let languages = try await store.conversation(conversation)?.browserLanguages ?? []
        rememberBrowserLanguages(languages, of: conversation)
        return languages
    }

    /// A conversation this relay just started: its browser languages are remembered, so that its first message
    /// reads nothing from the store before it is stored.
    public func conversationStarted(_ conversation: Conversation) {
        rememberBrowserLanguages(conversation.browserLanguages, of: conversation.id)
    }

    /// The browser languages remembered for `conversation` (`nil`: the next message reads them from the store).
    func rememberedBrowserLanguages(of conversation: ConversationID) -> [LanguageCode]? {
        browserLanguageCache.withLock { $0[conversation] }
    }

    private func rememberBrowserLanguages(_ languages: [LanguageCode], of conversation: ConversationID) {
        browserLanguageCache.withLock { cache in
            if cache.count >= 50_000 { cache.removeAll() }
            cache[conversation] = languages
        }
    }

    /// The languages of the other participants that differ from the message's.
    func targetLanguages(of message: ChatMessage, detected: LanguageCode) async throws -> [LanguageCode] {
        guard detected != .undetermined else { return [] }
        return Self.targetLanguages(
            try await store.participants(of: message.conversationID), sender: message.senderID, detected: detected)
    }

    /// The languages of `participants` other than the sender's that differ from `detected` (none for `und`), each once,
    /// by tag.
    static func targetLanguages(
        _ participants: [Participant], sender: ParticipantID, detected: LanguageCode
    ) -> [LanguageCode] {
        guard detected != .undetermined else { return [] }
        var targets: [LanguageCode] = []
        for participant in participants
        where participant.id != sender && participant.language != detected && !targets.contains(participant.language) {
            targets.append(participant.language)
        }
        targets.sort { $0.rawValue < $1.rawValue }
        return targets
    }

    /// Translates into every target concurrently; releases the message when all are stored or the deadline passed.
    private func translate(_ message: ChatMessage, from source: LanguageCode, into targets: [LanguageCode]) async {
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
        let record = await translation(
            of: message.text, in: message.conversationID, seq: message.seq, from: source, into: target)
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
        of text: String, in conversation: ConversationID, seq: Int, from source: LanguageCode,
        into target: LanguageCode
    ) async -> MessageTranslation {
        let started = ContinuousClock.now
        let (translated, engine, quality) = await runEngine(text, pair: LanguagePair(source, target))
        metrics.translationDuration([engine, quality == .untranslated ? "untranslated" : "translated"])
            .recordInterval(since: started)
        return MessageTranslation(
            conversationID: conversation, seq: seq, language: target, text: translated, engine: engine,
            quality: quality, createdAt: .now)
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
