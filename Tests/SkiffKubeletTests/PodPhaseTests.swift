import Testing
import SkiffAPI
@testable import SkiffKubelet

private func running(_ n: String, ready: Bool = true) -> ContainerStatus {
    ContainerStatus(name: n, state: ContainerState(running: ContainerStateRunning()), ready: ready, restartCount: 0, image: "busybox", imageID: "")
}
private func exited(_ n: String, _ code: Int32) -> ContainerStatus {
    ContainerStatus(name: n, state: ContainerState(terminated: ContainerStateTerminated(exitCode: code)), ready: false, restartCount: 0, image: "busybox", imageID: "")
}
private func waiting(_ n: String, _ reason: String, after code: Int32? = nil) -> ContainerStatus {
    ContainerStatus(name: n, state: ContainerState(waiting: ContainerStateWaiting(reason: reason)),
                    lastState: code.map { ContainerState(terminated: ContainerStateTerminated(exitCode: $0)) },
                    ready: false, restartCount: code == nil ? 0 : 1, image: "busybox", imageID: "")
}

@Test func phasesFollowTheKubelet() {
    var spec = PodSpec(containers: [Container(name: "a"), Container(name: "b")])
    #expect(PodPhase.phase(spec: spec, initStatuses: [], statuses: []) == "Pending")
    #expect(PodPhase.phase(spec: spec, initStatuses: [], statuses: [running("a"), waiting("b", "ContainerCreating")]) == "Pending")
    #expect(PodPhase.phase(spec: spec, initStatuses: [], statuses: [running("a"), running("b")]) == "Running")
    #expect(PodPhase.phase(spec: spec, initStatuses: [], statuses: [running("a"), waiting("b", "CrashLoopBackOff", after: 1)]) == "Running")
    spec.restartPolicy = "Never"
    #expect(PodPhase.phase(spec: spec, initStatuses: [], statuses: [exited("a", 0), exited("b", 0)]) == "Succeeded")
    #expect(PodPhase.phase(spec: spec, initStatuses: [], statuses: [exited("a", 0), exited("b", 2)]) == "Failed")
    spec.restartPolicy = "OnFailure"
    #expect(PodPhase.phase(spec: spec, initStatuses: [], statuses: [exited("a", 0), exited("b", 0)]) == "Succeeded")
    spec.initContainers = [Container(name: "init")]
    #expect(PodPhase.phase(spec: spec, initStatuses: [running("init")], statuses: []) == "Pending")
    spec.restartPolicy = "Never"
    #expect(PodPhase.phase(spec: spec, initStatuses: [exited("init", 1)], statuses: []) == "Failed")
}

@Test func readinessConditions() {
    let spec = PodSpec(initContainers: [Container(name: "i")], containers: [Container(name: "a"), Container(name: "b")])
    let t0 = Time(secondsSinceEpoch: 1000), t1 = Time(secondsSinceEpoch: 2000)
    let c0 = PodPhase.conditions(spec: spec, phase: "Running", initStatuses: [exited("i", 0)], statuses: [running("a"), running("b", ready: false)], old: [], now: t0)
    let byType = Dictionary(uniqueKeysWithValues: c0.map { ($0.type, $0) })
    #expect(byType["Initialized"]?.status == "True")
    #expect(byType["Ready"]?.status == "False")
    #expect(byType["Ready"]?.message == "containers with unready status: [b]")
    #expect(byType["PodScheduled"]?.status == "True")
    let c1 = PodPhase.conditions(spec: spec, phase: "Running", initStatuses: [exited("i", 0)], statuses: [running("a"), running("b")], old: c0, now: t1)
    let after = Dictionary(uniqueKeysWithValues: c1.map { ($0.type, $0) })
    #expect(after["Ready"]?.status == "True" && after["Ready"]?.lastTransitionTime == t1)
    #expect(after["Initialized"]?.lastTransitionTime == t0)
}
