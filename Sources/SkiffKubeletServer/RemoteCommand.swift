import Foundation
import SkiffAPI

/// Kubernetes' remote command stream protocol (`v5.channel.k8s.io`, `v4.channel.k8s.io`) over
/// websocket binary messages: the first byte names the stream (0 stdin, 1 stdout, 2 stderr,
/// 3 status, 4 resize; v5 adds 255 "close stream N"). Pure.
public enum RemoteCommand {
    public static let supportedProtocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]

    /// The protocol to answer with, from the client's `Sec-WebSocket-Protocol` list.
    public static func negotiate(_ header: String?) -> String? {
        let offered = (header ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return supportedProtocols.first { offered.contains($0) }
    }

    public struct Options: Sendable, Equatable {
        public var command: [String] = []
        public var stdin = false
        public var stdout = true
        public var stderr = true
        public var tty = false
    }

    /// `command=sh&command=-c&command=...&stdin=true&stdout=true&stderr=true&tty=false`.
    public static func options(_ q: [String: [String]]) throws -> Options {
        var o = Options()
        o.command = q["command"] ?? []
        func flag(_ names: [String], _ def: Bool) -> Bool {
            for n in names { if let v = q[n]?.last { return v == "" || v == "1" || v.lowercased() == "true" } }
            return def
        }
        o.stdin = flag(["stdin", "input"], false)
        o.stdout = flag(["stdout", "output"], true)
        o.stderr = flag(["stderr", "error"], true)
        o.tty = flag(["tty"], false)
        if o.command.isEmpty { throw ExecError.badRequest("command: you must specify at least one command for the container") }
        if !o.stdin && !o.stdout && !o.stderr { throw ExecError.badRequest("you must specify at least one of stdin, stdout, stderr") }
        if o.tty && o.stderr { o.stderr = false }
        return o
    }

    public enum ExecError: Error, Equatable { case badRequest(String) }

    public enum Inbound: Equatable, Sendable {
        case stdin([UInt8])
        case close(stream: UInt8)
        /// A terminal size from stream 4 (`{"Width":80,"Height":24}`).
        case resize(width: UInt16, height: UInt16)
        case ignored
    }

    public static func parse(_ message: [UInt8]) -> Inbound {
        guard let first = message.first else { return .ignored }
        switch first {
        case 0: return .stdin(Array(message.dropFirst()))
        case 255: return message.count >= 2 ? .close(stream: message[1]) : .ignored
        case 4:
            guard let v = try? JSONValue(from: Data(message.dropFirst())),
                  let w = v["Width"]?.intValue, let h = v["Height"]?.intValue,
                  (0...Int64(UInt16.max)).contains(w), (0...Int64(UInt16.max)).contains(h) else { return .ignored }
            return .resize(width: UInt16(w), height: UInt16(h))
        default: return .ignored
        }
    }

    public static func frame(_ stream: UInt8, _ bytes: [UInt8]) -> [UInt8] { [stream] + bytes }

    /// The status message (stream 3): Success, or Failure with reason NonZeroExitCode and the
    /// exit code as a cause, which kubectl turns into "command terminated with exit code N".
    public static func status(exitCode: Int32, command: [String]) -> [UInt8] {
        var st: JSONValue = .object(["metadata": .object([:]), "status": "Success"])
        if exitCode != 0 {
            st = .object([
                "metadata": .object([:]), "status": "Failure",
                "message": .string("command terminated with non-zero exit code: error executing command \(command), exit code \(exitCode)"),
                "reason": "NonZeroExitCode",
                "details": .object(["causes": [.object(["reason": "ExitCode", "message": .string("\(exitCode)")])]]),
            ])
        }
        return Array(st.encoded())
    }

    public static func failure(_ message: String) -> [UInt8] {
        Array(JSONValue.object(["metadata": .object([:]), "status": "Failure", "message": .string(message),
                                "reason": "InternalError", "code": 500]).encoded())
    }
}

