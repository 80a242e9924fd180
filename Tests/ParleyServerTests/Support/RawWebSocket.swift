import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// A WebSocket client on a plain TCP socket with a tiny receive buffer, for slow-consumer tests: it upgrades, sends
/// text frames, and reads only when told to — until then the relay's writes pile up. Blocking calls run on NIO's
/// thread pool, off the cooperative pool.
final class RawWebSocket: @unchecked Sendable {
    private let descriptor: Int32
    /// Bytes read past the frames handed out so far (the calls on one socket do not overlap).
    private var buffer: [UInt8] = []

    /// Connects to `127.0.0.1:port`, upgrades `path`, and returns once the relay answered 101. `texts` are sent as
    /// text frames in the same write as the upgrade request: they reach the relay with it, before it has answered.
    static func connect(port: Int, path: String, origin: String, texts: [String] = []) async throws -> RawWebSocket {
        try await NIOThreadPool.singleton.runIfActive {
            try RawWebSocket(port: port, path: path, origin: origin, texts: texts)
        }
    }

    private init(port: Int, path: String, origin: String, texts: [String]) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket() failed") }
        var size: Int32 = 4096
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw TestFailure("connect() failed") }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: \(origin)\r\n\r\n"
        try write(Array(request.utf8) + texts.flatMap { Self.masked(opcode: 0x1, Array($0.utf8)) })
        var response: [UInt8] = []
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            let chunk = try read(max: 1)
            guard !chunk.isEmpty else { throw TestFailure("the relay closed during the upgrade") }
            response += chunk
            if response.suffix(4).elementsEqual(end) { break }
        }
        guard String(decoding: response, as: UTF8.self).hasPrefix("HTTP/1.1 101") else {
            throw TestFailure("upgrade refused: \(String(decoding: response, as: UTF8.self))")
        }
    }

    deinit { close(descriptor) }

    /// Sends one masked text frame.
    func sendText(_ text: String) async throws {
        try await send([(0x1, Array(text.utf8))])
    }

    /// Sends frames (opcode and payload, each masked) in one write.
    func send(_ frames: [(opcode: UInt8, payload: [UInt8])]) async throws {
        let bytes = frames.flatMap { Self.masked(opcode: $0.opcode, $0.payload) }
        try await NIOThreadPool.singleton.runIfActive { try self.write(bytes) }
    }

    /// A client frame: FIN, `opcode`, the payload masked.
    private static func masked(opcode: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = [0x80 | opcode]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame.append(0x80 | 126)
            frame += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return frame
    }

    /// Reads until the relay closes the connection; returns the code of the close frame, if one came.
    func readToEnd() async throws -> UInt16? {
        try await readFramesToEnd().closeCode
    }

    /// Reads until the relay closes the connection; returns the text frames before the first close frame and that
    /// frame's code. The bytes that arrive with the 101 response are read here too: this client never reads past it.
    func readFramesToEnd() async throws -> (texts: [String], closeCode: UInt16?) {
        let frames = try await allFramesToEnd()
        let close = frames.firstIndex { $0.opcode == 0x8 }
        let texts = frames[..<(close ?? frames.endIndex)].filter { $0.opcode == 0x1 }
            .map { String(decoding: $0.payload, as: UTF8.self) }
        return (texts, close.flatMap { Self.code(of: frames[$0]) })
    }

    /// Reads until the relay closes the connection; returns every frame it sent, opcode and payload.
    func allFramesToEnd() async throws -> [(opcode: UInt8, payload: ArraySlice<UInt8>)] {
        try await NIOThreadPool.singleton.runIfActive {
            while try self.readMore() {}
            return Self.frames(in: self.buffer)
        }
    }

    /// Answers the relay's pings (a pong with each one's payload, as a client must) until `count` have come, on a
    /// thread-pool thread; returns the text frames that came meanwhile. Fails if the relay closes first.
    func answerPings(_ count: Int) async throws -> [String] {
        try await NIOThreadPool.singleton.runIfActive {
            var answered = 0
            var texts: [String] = []
            while answered < count {
                var used = 0
                for frame in Self.frames(in: self.buffer) {
                    used = frame.payload.endIndex
                    switch frame.opcode {
                    case 0x1: texts.append(String(decoding: frame.payload, as: UTF8.self))
                    case 0x8: throw TestFailure("the relay closed the socket (code \(Self.code(of: frame) ?? 0))")
                    case 0x9:
                        try self.write(Self.masked(opcode: 0xA, Array(frame.payload)))
                        answered += 1
                    default: break
                    }
                }
                self.buffer.removeFirst(used)
                if answered < count, try !self.readMore() { throw TestFailure("the relay closed the connection") }
            }
            return texts
        }
    }

    /// Reads until a whole text frame is in and returns it (frames before it are dropped); `nil` when the relay
    /// closed first.
    func nextText() async throws -> String? {
        try await NIOThreadPool.singleton.runIfActive {
            while true {
                var used = 0
                for frame in Self.frames(in: self.buffer) {
                    used = frame.payload.endIndex
                    if frame.opcode == 0x1 {
                        self.buffer.removeFirst(used)
                        return String(decoding: frame.payload, as: UTF8.self)
                    }
                }
                self.buffer.removeFirst(used)
                guard try self.readMore() else { return nil }
            }
        }
    }

    /// Reads until the relay's first close frame, answers it with a close frame of the same code (as a client must),
    /// and reads on until the relay ends the connection. Returns that frame's code and the opcodes of every frame the
    /// relay sent after it, which RFC 6455 forbids.
    func closeHandshake() async throws -> (closeCode: UInt16?, framesAfterClose: [UInt8]) {
        try await NIOThreadPool.singleton.runIfActive {
            var answered = false
            repeat {
                if !answered, let close = Self.frames(in: self.buffer).first(where: { $0.opcode == 0x8 }) {
                    try self.write(Self.masked(opcode: 0x8, Array(close.payload.prefix(2))))
                    answered = true
                }
            } while try self.readMore()
            let frames = Self.frames(in: self.buffer)
            guard let close = frames.firstIndex(where: { $0.opcode == 0x8 }) else { return (nil, []) }
            return (Self.code(of: frames[close]), frames[(close + 1)...].map(\.opcode))
        }
    }

    /// Appends what the socket has to ``buffer``; `false` once the relay closed the connection.
    private func readMore() throws -> Bool {
        let chunk = try read(max: 1 << 16)
        buffer += chunk
        return !chunk.isEmpty
    }

    private static func code(of frame: (opcode: UInt8, payload: ArraySlice<UInt8>)) -> UInt16? {
        guard frame.payload.count >= 2 else { return nil }
        return UInt16(frame.payload[frame.payload.startIndex]) << 8 | UInt16(frame.payload[frame.payload.startIndex + 1])
    }

    /// The complete (unmasked) server frames at the start of `bytes`: opcode and payload (a slice of `bytes`).
    private static func frames(in bytes: [UInt8]) -> [(opcode: UInt8, payload: ArraySlice<UInt8>)] {
        var frames: [(opcode: UInt8, payload: ArraySlice<UInt8>)] = []
        var index = 0
        while index + 2 <= bytes.count {
            var next = index + 2
            var length = Int(bytes[index + 1] & 0x7F)
            if length == 126 {
                guard next + 2 <= bytes.count else { break }
                length = Int(bytes[next]) << 8 | Int(bytes[next + 1])
                next += 2
            } else if length == 127 {
                guard next + 8 <= bytes.count else { break }
                length = bytes[next..<(next + 8)].reduce(0) { $0 << 8 | Int($1) }
                next += 8
            }
            guard next + length <= bytes.count else { break }
            frames.append((bytes[index] & 0x0F, bytes[next..<(next + length)]))
            index = next + length
        }
        return frames
    }

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
            guard written > 0 else { throw TestFailure("send() failed") }
            offset += written
        }
    }

    private func read(max: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, max, 0) }
        guard count >= 0 else { return [] }
        return Array(buffer[0..<count])
    }
}
