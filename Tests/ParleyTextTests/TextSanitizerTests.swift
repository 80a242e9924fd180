import ParleyText
import Testing

@Suite struct TextSanitizerTests {
    let sanitizer = TextSanitizer()

    @Test(arguments: [
        "Guten Tag, wo ist meine Bestellung Nr. 4711? Grüße aus Köln 🙂",
        "Hi! I'd like to return the blue jacket (size M), order #42.",
        "Tere! Kas šokolaadi saab tellida Tartusse? Aitäh, Õie",
        "Merhaba, siparişim İstanbul'a ne zaman gelir? Teşekkürler.",
        "Zeile eins\nZeile zwei\tmit Tab",
        "👨‍👩‍👧 🏳️‍🌈 👍🏽 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "می‌خواهم",
    ])
    func keepsCleanTextUnchanged(_ text: String) throws {
        let result = try sanitizer.sanitize(text)
        #expect(Array(result.text.utf8) == Array(text.utf8))
        #expect(result.changes.isEmpty)
    }

    @Test func acceptsValidUTF8Bytes() throws {
        let result = try sanitizer.sanitize(Array("Straße → õun".utf8))
        #expect(result.text == "Straße → õun")
    }

    @Test(
        arguments: [
            ([0x48, 0x69, 0xFF], 2), ([0xC3, 0x28], 0), ([0x61, 0xE2, 0x82], 1), ([0xED, 0xA0, 0x80], 0),
            ([0xC0, 0xAF], 0),
        ] as [([UInt8], Int)])
    func rejectsInvalidUTF8WithItsOffset(_ bytes: [UInt8], _ offset: Int) {
        #expect {
            try sanitizer.sanitize(bytes)
        } throws: { error in
            guard let error = error as? TextInputError else { return false }
            return error.code == .invalidUTF8 && error.message.contains("offset \(offset)")
        }
    }

    @Test func composesToNFC() throws {
        let result = try sanitizer.sanitize("Gru\u{308}ße, s\u{30C}okolaad, s\u{327}eker")
        #expect(Array(result.text.utf8) == Array("Grüße, šokolaad, şeker".utf8))
        #expect(result.changes == [.normalizedToNFC])
    }

    @Test(arguments: [
        ("Hallo\u{0}Welt", "HalloWelt"), ("bell\u{7}", "bell"), ("esc\u{1B}[31mred", "esc[31mred"),
        ("c1\u{85}\u{9B}x", "c1x"), ("del\u{7F}", "del"), ("non\u{FFFF}char", "nonchar"),
    ])
    func removesControlCharacters(_ input: String, _ expected: String) throws {
        let result = try sanitizer.sanitize(input)
        #expect(result.text == expected)
        #expect(result.changes.contains(.removedControlCharacters))
    }

    @Test func unifiesLineBreaks() throws {
        let result = try sanitizer.sanitize("eins\r\nzwei\rdrei\u{2028}vier")
        #expect(result.text == "eins\nzwei\ndrei\nvier")
        #expect(result.changes == [.normalizedLineBreaks])
    }

    @Test(arguments: [
        "access\u{202E}nimda\u{202C}level", "\u{2066}if\u{2069} admin", "\u{2067}x\u{2069}\u{2068}y\u{2069}",
        "\u{202A}\u{202B}\u{202D}ok",
    ])
    func neutralizesBidiOverridesAndIsolates(_ input: String) throws {
        let result = try sanitizer.sanitize(input)
        #expect(!result.text.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
        #expect(!result.text.unicodeScalars.contains { (0x2066...0x2069).contains($0.value) })
        #expect(result.changes.contains(.neutralizedBidiControls))
    }

    @Test(arguments: [
        ("pay\u{200B}pal", "paypal"), ("\u{FEFF}Hallo", "Hallo"), ("Stra\u{AD}ße", "Straße"),
        ("pay\u{200D}pal", "paypal"), ("sipa\u{200C}riş", "sipariş"), ("a\u{2060}b", "ab"),
        ("tag\u{E0041}", "tag"), ("\u{200D}👍", "👍"), ("x\u{3164}y", "xy"),
    ])
    func removesMeaninglessInvisibleCharacters(_ input: String, _ expected: String) throws {
        let result = try sanitizer.sanitize(input)
        #expect(result.text == expected)
        #expect(result.changes.contains(.removedInvisibleFormatCharacters))
    }

    @Test func trimsButKeepsInnerWhitespace() throws {
        let result = try sanitizer.sanitize("\n  Hallo   Welt \t ")
        #expect(result.text == "Hallo   Welt")
        #expect(result.changes == [.trimmed])
    }

    @Test(arguments: ["", "   ", "\n\t", "\u{200B}\u{FEFF}", "\u{202E}", "\u{0}\u{1}"])
    func rejectsEmptyMessages(_ input: String) {
        #expect(throws: TextInputError.self) { try sanitizer.sanitize(input) }
        #expect((try? sanitizer.sanitize(input)) == nil)
        do {
            _ = try sanitizer.sanitize(input)
        } catch {
            #expect(error.code == .empty)
        }
    }

    @Test func countsUserPerceivedCharacters() throws {
        let limited = TextSanitizer(maxCharacters: 3)
        #expect(try limited.sanitize("👨‍👩‍👧👍🏽ğ").text.count == 3)
        #expect(try limited.sanitize("e\u{301}e\u{301}e\u{301}").text == "ééé")
    }

    @Test func rejectsTooLongMessagesWithoutQuotingThem() {
        let secret = String(repeating: "geheim ", count: 602)  // 4,214 characters, trimmed to 4,213
        do {
            _ = try TextSanitizer(maxCharacters: 4000).sanitize(secret)
            Issue.record("accepted an over-long message")
        } catch {
            #expect(error.code == .tooLong)
            #expect(error.message == "Message is 4,213 characters; the limit is 4,000.")
            #expect(!error.description.contains("geheim"))
        }
    }

    @Test func rejectsTooManyBytesFirst() {
        let sanitizer = TextSanitizer(maxCharacters: 10, maxBytes: 20)
        do {
            _ = try sanitizer.sanitize(Array(repeating: UInt8(0xFF), count: 100))
            Issue.record("accepted 100 bytes")
        } catch {
            #expect(error.code == .tooManyBytes)
            #expect(error.message == "Message is 100 bytes; the limit is 20.")
        }
    }

    @Test(arguments: [
        "  Gru\u{308}ße\r\n\u{202E}Welt\u{200B} ", "pay\u{200D}pal 👨‍👩‍👧\u{7}", "\u{FEFF}s\u{30C}okolaad\u{2066}x",
        "sipari\u{15F}im\u{AD}\r", "a\u{200D}\u{200D}b\u{E0001}c",
    ])
    func sanitizingTwiceChangesNothingMore(_ input: String) throws {
        let once = try sanitizer.sanitize(input)
        #expect(!once.changes.isEmpty)
        let twice = try sanitizer.sanitize(once.text)
        #expect(Array(twice.text.utf8) == Array(once.text.utf8))
        #expect(twice.changes.isEmpty)
    }

    @Test func errorsAreEqualByCode() {
        #expect(TextInputError.Code.tooLong != .empty)
        #expect("\(TextInputError.Code.invalidUTF8)" == "invalidUTF8")
    }

    @Test func describesChanges() {
        #expect(SanitizeChanges([.trimmed, .normalizedToNFC]).description == "[normalizedToNFC, trimmed]")
    }
}
