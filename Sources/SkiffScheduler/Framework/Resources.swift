import SkiffAPI

/// The resources the scheduler accounts for, as plain integers so the filter and score loops
/// never touch `Quantity` arithmetic: cpu in millicores, memory and ephemeral storage in bytes,
/// and a pod count.
public struct ResourceVector: Sendable, Hashable {
    public var milliCPU: Int64
    public var memory: Int64
    public var ephemeralStorage: Int64
    public var pods: Int64

    public init(milliCPU: Int64 = 0, memory: Int64 = 0, ephemeralStorage: Int64 = 0, pods: Int64 = 0) {
        self.milliCPU = milliCPU
        self.memory = memory
        self.ephemeralStorage = ephemeralStorage
        self.pods = pods
    }

    public static let zero = ResourceVector()

    /// Reads cpu, memory, ephemeral-storage and pods from a resource list (node allocatable or
    /// container requests).
    public init(_ list: [String: Quantity]?) {
        self.init()
        guard let list else { return }
        milliCPU = list["cpu"]?.milliValue ?? 0
        memory = list["memory"]?.value ?? 0
        ephemeralStorage = list["ephemeral-storage"]?.value ?? 0
        pods = list["pods"]?.value ?? 0
    }

    public static func + (a: ResourceVector, b: ResourceVector) -> ResourceVector {
        ResourceVector(milliCPU: a.milliCPU + b.milliCPU, memory: a.memory + b.memory,
                       ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage, pods: a.pods + b.pods)
    }

    public static func - (a: ResourceVector, b: ResourceVector) -> ResourceVector {
        ResourceVector(milliCPU: a.milliCPU - b.milliCPU, memory: a.memory - b.memory,
                       ephemeralStorage: a.ephemeralStorage - b.ephemeralStorage, pods: a.pods - b.pods)
    }

    public static func += (a: inout ResourceVector, b: ResourceVector) { a = a + b }
    public static func -= (a: inout ResourceVector, b: ResourceVector) { a = a - b }

    /// Component-wise maximum (an init container's needs against the app containers' sum).
    public func max(_ o: ResourceVector) -> ResourceVector {
        ResourceVector(milliCPU: Swift.max(milliCPU, o.milliCPU), memory: Swift.max(memory, o.memory),
                       ephemeralStorage: Swift.max(ephemeralStorage, o.ephemeralStorage), pods: Swift.max(pods, o.pods))
    }
}

/// How much of a node a pod asks for, as Kubernetes computes it.
public enum PodRequests {
    /// What a pod without a cpu request counts as when scoring (Kubernetes' 0.1 core), so
    /// best-effort pods still spread.
    public static let defaultMilliCPU: Int64 = 100
    /// What a pod without a memory request counts as when scoring (200 MB).
    public static let defaultMemory: Int64 = 200 * 1024 * 1024

    /// The effective request (requests; the API server has already defaulted them from limits): the larger of the app containers' sum and each init container,
    /// plus the pod overhead; `pods` is 1.
    public static func of(_ spec: PodSpec) -> ResourceVector {
        var sum = ResourceVector.zero
        for c in spec.containers { sum += ResourceVector(c.resources?.requests) }
        for c in spec.initContainers ?? [] {
            let r = ResourceVector(c.resources?.requests)
            if c.restartPolicy == "Always" { sum += r } else { sum = sum.max(r) }
        }
        sum += ResourceVector(spec.overhead)
        sum.pods = 1
        return sum
    }

    /// The request used by the scores: like `of`, but containers without a cpu or memory
    /// request count the defaults.
    public static func nonZero(_ spec: PodSpec) -> ResourceVector {
        var sum = ResourceVector.zero
        for c in spec.containers {
            let list = c.resources?.requests
            sum.milliCPU += list?["cpu"].map { $0.milliValue } ?? defaultMilliCPU
            sum.memory += list?["memory"].map { $0.value } ?? defaultMemory
        }
        for c in spec.initContainers ?? [] where c.restartPolicy != "Always" {
            let list = c.resources?.requests
            sum.milliCPU = Swift.max(sum.milliCPU, list?["cpu"].map { $0.milliValue } ?? defaultMilliCPU)
            sum.memory = Swift.max(sum.memory, list?["memory"].map { $0.value } ?? defaultMemory)
        }
        let overhead = ResourceVector(spec.overhead)
        sum.milliCPU += overhead.milliCPU
        sum.memory += overhead.memory
        sum.pods = 1
        return sum
    }
}
