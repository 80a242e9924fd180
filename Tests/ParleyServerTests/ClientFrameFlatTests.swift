import Foundation
import ParleyCore
import ParleyTesting
@testable import ParleyServer
import Testing

/// The flat reader of client frames against `JSONDecoder`: whatever it reads, it reads as the decoder does (the same
/// frame, or the same error), on seeded random frames and their mutations (a failure names its seed).
@Suite("Client frames read without JSONDecoder")
struct ClientFrameFlatTests {
    /// What the relay made of a frame before the flat reader: UTF-8 checked, then `JSONDecoder`.
    static func reference(_ bytes: [UInt8]) -> Result<ClientFrame, RelayError> {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(RelayError(.invalidUTF8, "The frame is not valid UTF-8."))
        }
        return Result { () throws(RelayError) in try ClientFrame.parse(Data(bytes)) }
    }

    static func flat(_ bytes: [UInt8]) -> Result<ClientFrame, RelayError>? {
        bytes.withUnsafeBytes { ClientFrame.parseFlat($0) }
    }

    @Test("the frames clients send are read without JSONDecoder, as JSONDecoder reads them")
    func commonFrames() throws {
        let frames = [
            #"{"type":"message","clientMessageId":"m-1","text":"Hallo, wo ist meine Bestellung? #12345"}"#,
            #"{"type":"message","conversationId":"c_0123456789abc","clientMessageId":"7","text":"Şu an \"kargo\"\nnerede? 🎉 \u00e9\/"}"#,
            #"{ "type" : "join", "lastSeq" : 42 }"#,
            #"{"type":"typing","active":true,"conversationId":null}"#,
            #"{"type":"read","seq":9}"#,
            #"{"type":"setLanguage","language":"tr"}"#,
            #"{"type":"retryTranslation","seq":3,"conversationId":"c_x"}"#,
            #"{"type":"correctLanguage","seq":3,"language":"et","future":[1,{"a":2}]}"#,
            #"{"type":"leave"}"#,
            #"{"type":"ping"}"#,
            #"{"type":"message","text":"no id"}"#,
            #"{"type":"join","lastSeq":-1}"#,
            #"{"type":"dance"}"#,
            #"{}"#,
        ]
        for frame in frames where !frame.contains("future") {
            let bytes = Array(frame.utf8)
            let flat = try #require(Self.flat(bytes), "declined: \(frame)")
            #expect(flat == Self.reference(bytes), "\(frame)")
        }
        // A nested value, even in a field the relay does not know, goes to JSONDecoder.
        #expect(Self.flat(Array(frames[7].utf8)) == nil)
    }

    @Test("whatever the flat reader takes, it reads as JSONDecoder does", arguments: 0..<8)
    func sameAsDecoder(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var taken = 0
        for _ in 0..<3_000 {
            var bytes = Array(Self.frame(&random).utf8)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty: bytes.removeLast(Int.random(in: 1...bytes.count, using: &random))
            case 1 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            case 2: bytes += Array([" x", "}", ",", " \n", "\u{0}"].randomElement(using: &random)!.utf8)
            default: break
            }
            guard let flat = Self.flat(bytes) else { continue }
            taken += 1
            #expect(flat == Self.reference(bytes), "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(taken > 250, "seed \(seed): the flat reader took only \(taken) frames")
    }

    /// A frame of random fields, values and spacing: mostly valid JSON, sometimes not.
    static func frame(_ random: inout SeededGenerator) -> String {
        let keys = ["type", "conversationId", "clientMessageId", "text", "language", "lastSeq", "seq", "active", "id",
                    "extra", "t\\u0079pe", "TYPE"]
        let types = ["message", "join", "typing", "read", "setLanguage", "retryTranslation", "correctLanguage",
                     "leave", "ping", "dance", ""]
        var fields: [String] = []
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            let key = keys.randomElement(using: &random)!
            let value = key == "type" && Bool.random(using: &random)
                ? "\"\(types.randomElement(using: &random)!)\"" : Self.value(&random)
            fields.append(space(&random) + "\"\(key)\"" + space(&random) + ":" + space(&random) + value + space(&random))
        }
        return space(&random) + "{" + fields.joined(separator: ",") + (fields.isEmpty ? space(&random) : "") + "}"
            + space(&random)
    }

    static func space(_ random: inout SeededGenerator) -> String {
        Int.random(in: 0..<40, using: &random) == 0
            ? "\u{A0}" : ["", "", "", " ", "\n\t", "\r\n "].randomElement(using: &random)!
    }

    static func value(_ random: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0...3: return "\"" + Self.string(&random) + "\""
        case 4:
            return ["0", "7", "-3", "42", "05", "-0", "1.0", "1e3", "2E-1", "-", "9223372036854775807",
                    "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "123456789012345678901"]
                .randomElement(using: &random)!
        case 5: return ["true", "false", "null", "nul", "True", "tru"].randomElement(using: &random)!
        case 6: return ["{}", "[]", "[1,2]", "{\"a\":\"b\"}", "[\"x\"]"].randomElement(using: &random)!
        case 7: return "\"\(Int.random(in: 1...99_999, using: &random))\""
        default: return "\"m-\(Int.random(in: 0...999, using: &random))\""
        }
    }

    /// String contents as a client might write them: plain text, escapes of every kind (some invalid), raw non-ASCII.
    static func string(_ random: inout SeededGenerator) -> String {
        let valid = ["a", "Ş", "ü", "🎉", "👩‍👩‍👧", " ", "\\\"", "\\\\", "\\/", "\\n", "\\r", "\\t", "\\b", "\\f",
                     "\\u00e9", "\\u0000", "\\u001F", "\\uD83D\\uDE00", "\u{7F}", "⟦1⟧", "€"]
        let invalid = ["\\ud83d", "\\uDE00x", "\\u12", "\\x", "\\uzzzz", "\t", "\u{1}"]
        return (0..<Int.random(in: 0...12, using: &random)).map { _ in
            (Int.random(in: 0..<30, using: &random) == 0 ? invalid : valid).randomElement(using: &random)!
        }.joined()
    }
}
