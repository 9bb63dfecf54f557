import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// glibc's setns(2); Glibc's Swift module leaves it out (it is behind _GNU_SOURCE).
@_silgen_name("setns") private func sys_setns(_ fd: Int32, _ nstype: Int32) -> Int32
private let cloneNewNet: Int32 = 0x4000_0000

public enum NetnsSocketError: Error, CustomStringConvertible, Equatable {
    case syscall(String, Int32)
    case badAddress(String)
    case timeout(String)

    public var description: String {
        switch self {
        case .syscall(let step, let e): return "\(step): \(String(cString: strerror(e)))"
        case .badAddress(let a): return "invalid address \(a)"
        case .timeout(let what): return "\(what): timeout"
        }
    }
}

/// Opens TCP connections from inside a pod's network namespace, so probes reach the pod as
/// `127.0.0.1` or its own IP without any packet crossing the host's namespaces.
///
/// A socket belongs to the namespace it was created in, so a dedicated thread (never a shared
/// pool thread) enters the pod's namespace with setns(2), creates the socket, and returns to its
/// own namespace; the connect and everything after happen from the caller.
public enum NetnsSocket {
    /// Creates a TCP socket in the namespace at `netnsPath` (nil: the current one).
    public static func socket(in netnsPath: String?, ipv6: Bool) throws -> Int32 {
        let family = ipv6 ? AF_INET6 : AF_INET
        guard let path = netnsPath else {
            let fd = Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            if fd < 0 { throw NetnsSocketError.syscall("socket", errno) }
            return fd
        }
        final class Box: @unchecked Sendable { var result: Result<Int32, Error> = .failure(NetnsSocketError.syscall("thread", 0)) }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let t = Thread {
            box.result = Result { try socketOnThisThread(netnsPath: path, family: family) }
            done.signal()
        }
        t.start()
        done.wait()
        return try box.result.get()
    }

    private static func socketOnThisThread(netnsPath: String, family: Int32) throws -> Int32 {
        let own = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        if own < 0 { throw NetnsSocketError.syscall("open /proc/thread-self/ns/net", errno) }
        defer { close(own) }
        let target = open(netnsPath, O_RDONLY | O_CLOEXEC)
        if target < 0 { throw NetnsSocketError.syscall("open \(netnsPath)", errno) }
        defer { close(target) }
        if sys_setns(target, cloneNewNet) != 0 { throw NetnsSocketError.syscall("setns \(netnsPath)", errno) }
        let fd = Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        let socketErrno = errno
        // The thread ends right after this call, so even a failed return cannot leak the pod's
        // namespace into other work; returning still keeps the thread's state tidy.
        _ = sys_setns(own, cloneNewNet)
        if fd < 0 { throw NetnsSocketError.syscall("socket", socketErrno) }
        return fd
    }

    /// Connects to host:port from the namespace, waiting at most `timeout` seconds.
    /// Returns a connected, blocking socket the caller closes.
    public static func connect(netnsPath: String?, host: String, port: Int, timeout: Double) throws -> Int32 {
        let ipv6 = host.contains(":")
        let fd = try socket(in: netnsPath, ipv6: ipv6)
        var ok = false
        defer { if !ok { close(fd) } }
        var rc: Int32
        if ipv6 {
            var a = sockaddr_in6()
            a.sin6_family = sa_family_t(AF_INET6)
            a.sin6_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET6, host, &a.sin6_addr) == 1 else { throw NetnsSocketError.badAddress(host) }
            rc = withUnsafePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        } else {
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET, host, &a.sin_addr) == 1 else { throw NetnsSocketError.badAddress(host) }
            rc = withUnsafePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        }
        if rc != 0 {
            guard errno == EINPROGRESS else { throw NetnsSocketError.syscall("dial tcp \(host):\(port)", errno) }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let n = poll(&pfd, 1, Int32(max(timeout, 0.001) * 1000))
            if n == 0 { throw NetnsSocketError.timeout("dial tcp \(host):\(port)") }
            if n < 0 { throw NetnsSocketError.syscall("poll", errno) }
            var err: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
            if err != 0 { throw NetnsSocketError.syscall("dial tcp \(host):\(port)", err) }
        }
        // Blocking from here on, with the remaining time as the I/O timeout.
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        ok = true
        return fd
    }
}
