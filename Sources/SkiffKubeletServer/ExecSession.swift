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

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let proc: ExecProcess
        do {
            proc = try await kubelet.exec(namespace: namespace, pod: pod, container: container, command: options.command,
                                          stdin: options.stdin, tty: options.tty)
        } catch {
            try await outbound.write(.binary(ByteBuffer(bytes: RemoteCommand.frame(3, RemoteCommand.failure("\(error)")))))
            return
        }
        let stdinWriter = PipeWriter(fd: proc.stdin)
        let stdinTask = Task {
            guard proc.stdin >= 0 else { return }
            do {
                for try await msg in inbound.messages(maxSize: 1 << 20) {
                    guard case .binary(let buf) = msg else { continue }
                    switch RemoteCommand.parse(Array(buf.readableBytesView)) {
                    case .stdin(let bytes): await stdinWriter.write(bytes)
                    case .resize(let w, let h) where proc.terminal >= 0: Terminal.resize(proc.terminal, rows: h, columns: w)
                    case .close(let stream) where stream == 0: await stdinWriter.close(); return
                    default: break
                    }
                }
            } catch {}
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
