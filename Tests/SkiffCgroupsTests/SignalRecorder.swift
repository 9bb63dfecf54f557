import Synchronization
@testable import SkiffCgroups

/// Collects the signals a driver would send, so fake-cgroupfs tests never signal real pids.
final class SignalRecorder: Sendable {
    let sent = Mutex<[(pid: Int32, signal: Int32)]>([])
    var signaler: CgroupSignaler {
        CgroupSignaler { pid, signal in
            self.sent.withLock { $0.append((pid, signal)) }
            return 0
        }
    }
    var all: [(pid: Int32, signal: Int32)] { sent.withLock { $0 } }
}
