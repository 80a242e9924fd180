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

    /// Connects to `127.0.0.1:port`, upgrades `path`, and returns once the relay answered 101.
    static func connect(port: Int, path: String, origin: String) async throws -> RawWebSocket {
        try await NIOThreadPool.singleton.runIfActive { try RawWebSocket(port: port, path: path, origin: origin) }
    }

    private init(port: Int, path: String, origin: String) throws {
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
        try write(Array(request.utf8))
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
        var frame: [UInt8] = [0x81]
        let payload = Array(text.utf8)
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame.append(0x80 | 126)
            frame += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        let bytes = frame
        try await NIOThreadPool.singleton.runIfActive { try self.write(bytes) }
    }

    /// Reads until the relay closes the connection; returns the code of the close frame, if one came.
    func readToEnd() async throws -> UInt16? {
        try await readFramesToEnd().closeCode
    }

    /// Reads until the relay closes the connection; returns the text frames before the first close frame and that
    /// frame's code. The bytes that arrive with the 101 response are read here too: this client never reads past it.
    func readFramesToEnd() async throws -> (texts: [String], closeCode: UInt16?) {
        try await NIOThreadPool.singleton.runIfActive {
            var bytes: [UInt8] = []
            while true {
                let chunk = try self.read(max: 1 << 16)
                if chunk.isEmpty { break }
                bytes += chunk
            }
            return Self.frames(in: bytes)
        }
    }

    /// Walks the (unmasked) server frames: the text frames before the first close frame, and its code.
    private static func frames(in bytes: [UInt8]) -> (texts: [String], closeCode: UInt16?) {
        var texts: [String] = []
        var index = 0
        while index + 2 <= bytes.count {
            let opcode = bytes[index] & 0x0F
            var length = Int(bytes[index + 1] & 0x7F)
            index += 2
            if length == 126, index + 2 <= bytes.count {
                length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
                index += 2
            } else if length == 127, index + 8 <= bytes.count {
                length = bytes[index..<(index + 8)].reduce(0) { $0 << 8 | Int($1) }
                index += 8
            }
            guard index + length <= bytes.count else { return (texts, nil) }
            if opcode == 0x8, length >= 2 { return (texts, UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])) }
            if opcode == 0x1 { texts.append(String(decoding: bytes[index..<(index + length)], as: UTF8.self)) }
            index += length
        }
        return (texts, nil)
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
