import Foundation
import HummingbirdWebSocket
import WSCore
import Logging
import NIOCore
import SkiffKubelet
import SkiffRuntime
#if canImport(Glibc)
import Glibc
#endif

/// One `kubectl exec` on this node: the process's pipes relayed to and from websocket stream
/// messages, then its exit status on stream 3.
struct ExecSession {
    let kubelet: Kubelet
    let namespace: String, pod: String, container: String
    let options: RemoteCommand.Options
    let logger: Logger

    /// How long a tty exec waits for the client's terminal size before starting without one.
    /// kubectl sends it as soon as the stream is up; a client without a terminal sends none.
    static let sizeWait: Duration = .milliseconds(500)

    /// The client's messages, and a mark for "no terminal size came in time".
    enum Input: Sendable {
        case message(RemoteCommand.Inbound)
        case noSize
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        // One reader turns the websocket into a stream of parsed messages, so the start of a
        // tty exec can wait for the terminal size and replay what came before it.
        let (inputs, input) = AsyncStream<Input>.makeStream()
        let reader = Task {
            do {
                for try await msg in inbound.messages(maxSize: 1 << 20) {
                    guard case .binary(let buf) = msg else { continue }
                    input.yield(.message(RemoteCommand.parse(Array(buf.readableBytesView))))
                }
            } catch {}
            input.finish()
        }
        defer { reader.cancel() }
        var messages = inputs.makeAsyncIterator()
        var early: [RemoteCommand.Inbound] = []
        var size: (rows: UInt16, columns: UInt16)?
        if options.tty {
            let timer = Task {
                try? await Task.sleep(for: Self.sizeWait)
                input.yield(.noSize)
            }
            waiting: while let next = await messages.next() {
                switch next {
                case .message(.resize(let w, let h)): size = (h, w); break waiting
                case .message(let m): early.append(m)
                case .noSize: break waiting
                }
            }
            timer.cancel()
        }
        let proc: ExecProcess
        do {
            proc = try await kubelet.exec(namespace: namespace, pod: pod, container: container, command: options.command,
                                          stdin: options.stdin, tty: options.tty, size: size)
        } catch {
            try await outbound.write(.binary(ByteBuffer(bytes: RemoteCommand.frame(3, RemoteCommand.failure("\(error)")))))
            return
        }
        let stdinWriter = PipeWriter(fd: proc.stdin)
        let stdinTask = Task { [early, messages] in
            var messages = messages
            guard proc.stdin >= 0 || proc.terminal >= 0 else { return }
            /// False once stdin is closed by the client.
            func handle(_ m: RemoteCommand.Inbound) async -> Bool {
                switch m {
                case .stdin(let bytes): await stdinWriter.write(bytes)
                case .resize(let w, let h) where proc.terminal >= 0: Terminal.resize(proc.terminal, rows: h, columns: w)
                case .close(let stream) where stream == 0: await stdinWriter.close(); return false
                default: break
                }
                return true
            }
            for m in early where !(await handle(m)) { return }
            while let next = await messages.next() {
                guard case .message(let m) = next else { continue }
                if !(await handle(m)) { return }
            }
            await stdinWriter.close()
        }
        await withTaskGroup(of: Void.self) { g in
            for (fd, stream) in [(proc.stdout, UInt8(1)), (proc.stderr, UInt8(2))] where fd >= 0 {
                let wanted = stream == 1 ? options.stdout : options.stderr
                g.addTask {
                    for await chunk in PipeReader.chunks(fd) where wanted {
                        try? await outbound.write(.binary(ByteBuffer(bytes: RemoteCommand.frame(stream, chunk))))
                    }
                }
            }
        }
        let code = await kubelet.podRuntime.waitExec(proc.pid)
        stdinTask.cancel()
        await stdinWriter.close()
        logger.debug("exec \(options.command) in \(namespace)/\(pod)/\(container) exited with \(code)")
        try await outbound.write(.binary(ByteBuffer(bytes: RemoteCommand.frame(3, RemoteCommand.status(exitCode: code, command: options.command)))))
    }
}

/// Reads a pipe on a thread of its own until EOF, yielding chunks.
enum PipeReader {
    static func chunks(_ fd: Int32) -> AsyncStream<[UInt8]> {
        AsyncStream { cont in
            Thread.detachNewThread {
                var buf = [UInt8](repeating: 0, count: 32 * 1024)
                while true {
                    let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    cont.yield(Array(buf[0..<n]))
                }
                close(fd)
                cont.finish()
            }
        }
    }
}

/// Writes to a pipe off the concurrency pool (a full pipe blocks), and closes it once.
actor PipeWriter {
    var fd: Int32
    let queue = DispatchQueue(label: "skiff.exec.stdin")
    init(fd: Int32) { self.fd = fd }

    func write(_ bytes: [UInt8]) async {
        let fd = self.fd
        guard fd >= 0, !bytes.isEmpty else { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            queue.async {
                var off = 0
                while off < bytes.count {
                    let n = bytes[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    off += n
                }
                c.resume()
            }
        }
    }

    func close() {
        let f = fd
        fd = -1
        if f >= 0 { queue.async { _ = Glibc.close(f) } }
    }
}
