import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// tcpSocket and httpGet probes, run from inside the pod's network namespace.
public enum NetworkProbes {
    /// Succeeds when a TCP connection opens within the timeout.
    public static func tcp(netnsPath: String?, host: String, port: Int, timeout: Double) async -> ProbeOutcome {
        await offload {
            do {
                let fd = try NetnsSocket.connect(netnsPath: netnsPath, host: host, port: port, timeout: timeout)
                close(fd)
                return .success
            } catch {
                return .failure("\(error)")
            }
        }
    }

    /// GET `path`; a status from 200 to 399 is success, as in Kubernetes. Redirects are not
    /// followed (Kubernetes counts a redirect to another host as success with a warning).
    public static func http(netnsPath: String?, scheme: String = "HTTP", host: String, port: Int, path: String,
                            headers: [(String, String)] = [], timeout: Double) async -> ProbeOutcome {
        guard scheme.uppercased() == "HTTP" else {
            return .failure("httpGet scheme \(scheme) is not supported by this node (only HTTP)")
        }
        return await offload {
            do {
                let fd = try NetnsSocket.connect(netnsPath: netnsPath, host: host, port: port, timeout: timeout)
                defer { close(fd) }
                let target = path.isEmpty ? "/" : (path.hasPrefix("/") ? path : "/" + path)
                let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                var req = "GET \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: kube-probe/1.32\r\nAccept: */*\r\nConnection: close\r\n"
                for (k, v) in headers where !k.isEmpty { req += "\(k): \(v)\r\n" }
                req += "\r\n"
                let bytes = Array(req.utf8)
                var sent = 0
                while sent < bytes.count {
                    let n = bytes[sent...].withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
                    if n <= 0 { return .failure("write: \(String(cString: strerror(errno)))") }
                    sent += n
                }
                var buf = [UInt8](repeating: 0, count: 1024)
                var got = [UInt8]()
                while !got.contains(10), got.count < 4096 {
                    let n = read(fd, &buf, buf.count)
                    if n < 0 { return .failure(errno == EAGAIN ? "HTTP probe: timeout awaiting headers" : "read: \(String(cString: strerror(errno)))") }
                    if n == 0 { break }
                    got.append(contentsOf: buf[0..<n])
                }
                guard let code = statusCode(got) else {
                    return .failure("HTTP probe: malformed response: \(String(decoding: got.prefix(64), as: UTF8.self))")
                }
                return (200..<400).contains(code) ? .success : .failure("HTTP probe failed with statuscode: \(code)")
            } catch {
                return .failure("Get \"http://\(host):\(port)\(path)\": \(error)")
            }
        }
    }

    /// The status code of an HTTP/1.x status line.
    static func statusCode(_ response: [UInt8]) -> Int? {
        guard let nl = response.firstIndex(of: 10) else { return nil }
        let line = String(decoding: response[..<nl], as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]) else { return nil }
        return code
    }

    private static func offload(_ work: @escaping @Sendable () -> ProbeOutcome) async -> ProbeOutcome {
        await withCheckedContinuation { cont in
            DispatchQueue.global().async { cont.resume(returning: work()) }
        }
    }
}
