#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Installs a device filter program on a cgroup v2 directory. Behind a protocol so the v2
/// driver's tests record the program instead of loading it.
public protocol CgroupDeviceFilter: Sendable {
    func attach(_ program: [BPFInstruction], cgroupDirectory: String) throws
}

/// The kernel's bpf(2): BPF_PROG_LOAD of a BPF_PROG_TYPE_CGROUP_DEVICE program, then
/// BPF_PROG_ATTACH as BPF_CGROUP_DEVICE without flags, so a later apply replaces the program
/// instead of stacking another one.
public struct LinuxDeviceFilter: CgroupDeviceFilter {
    public init() {}

    static let progLoad = 5, progAttach = 8
    static let progTypeCgroupDevice: UInt32 = 15
    static let attachCgroupDevice: UInt32 = 6

    /// glibc has no bpf() wrapper and Swift cannot call the variadic syscall(); syscall's
    /// arguments are all integer registers, so calling it through a fixed-arity pointer is sound
    /// on the Linux ABIs Skiff targets.
    typealias SyscallFn = @convention(c) (Int, Int, UnsafeMutableRawPointer?, Int) -> Int
    static let syscallFn: SyscallFn? = {
        guard let sym = dlsym(dlopen(nil, RTLD_NOW), "syscall") else { return nil }
        return unsafeBitCast(sym, to: SyscallFn.self)
    }()

    static var sysBPF: Int {
        #if arch(x86_64)
        return 321
        #elseif arch(arm64)
        return 280
        #else
        return -1
        #endif
    }

    static func bpf(_ cmd: Int, _ attr: inout [UInt8]) -> (Int, Int32) {
        guard let fn = syscallFn, sysBPF > 0 else { return (-1, ENOSYS) }
        let r = attr.withUnsafeMutableBytes { fn(sysBPF, cmd, $0.baseAddress, $0.count) }
        return (r, r < 0 ? errno : 0)
    }

    static func put32(_ a: inout [UInt8], _ at: Int, _ v: UInt32) {
        for i in 0..<4 { a[at + i] = UInt8((v >> (8 * UInt32(i))) & 0xff) }
    }

    static func put64(_ a: inout [UInt8], _ at: Int, _ v: UInt64) {
        for i in 0..<8 { a[at + i] = UInt8((v >> (8 * UInt64(i))) & 0xff) }
    }

    public func attach(_ program: [BPFInstruction], cgroupDirectory: String) throws {
        let code = program.flatMap(\.bytes)
        let license = Array("Apache-2.0".utf8) + [0]
        var log = [UInt8](repeating: 0, count: 1 << 16)
        let progFD: Int32 = try code.withUnsafeBytes { insns in
            try license.withUnsafeBytes { lic in
                try log.withUnsafeMutableBytes { logBuf in
                    var attr = [UInt8](repeating: 0, count: 128)
                    Self.put32(&attr, 0, Self.progTypeCgroupDevice)
                    Self.put32(&attr, 4, UInt32(program.count))
                    Self.put64(&attr, 8, UInt64(UInt(bitPattern: insns.baseAddress)))
                    Self.put64(&attr, 16, UInt64(UInt(bitPattern: lic.baseAddress)))
                    Self.put32(&attr, 24, 1)  // log_level: the verifier explains a rejection
                    Self.put32(&attr, 28, UInt32(logBuf.count))
                    Self.put64(&attr, 32, UInt64(UInt(bitPattern: logBuf.baseAddress)))
                    let (fd, err) = Self.bpf(Self.progLoad, &attr)
                    if fd < 0 {
                        let text = String(decoding: logBuf.prefix { $0 != 0 }, as: UTF8.self)
                        throw CgroupError.system(operation: "bpf(BPF_PROG_LOAD)", path: cgroupDirectory, errno: err,
                                                 hint: text.isEmpty ? "device filter program" : "verifier: " + String(text.suffix(300)))
                    }
                    return Int32(fd)
                }
            }
        }
        defer { close(progFD) }
        let dirFD = open(cgroupDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD < 0 { throw CgroupError.system(operation: "open", path: cgroupDirectory, errno: errno, hint: nil) }
        defer { close(dirFD) }
        var attr = [UInt8](repeating: 0, count: 128)
        Self.put32(&attr, 0, UInt32(bitPattern: dirFD))
        Self.put32(&attr, 4, UInt32(bitPattern: progFD))
        Self.put32(&attr, 8, Self.attachCgroupDevice)
        let (r, err) = Self.bpf(Self.progAttach, &attr)
        if r < 0 {
            throw CgroupError.system(operation: "bpf(BPF_PROG_ATTACH)", path: cgroupDirectory, errno: err, hint: "device filter")
        }
    }
}
