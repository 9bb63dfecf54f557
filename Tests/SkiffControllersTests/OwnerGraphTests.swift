import SkiffAPI
import Testing
@testable import SkiffControllers

func gnode(_ name: String, kind: String = "Pod", owners: [OwnerReference] = [], deleting: Bool = false, finalizers: [String] = []) -> GraphNode {
    GraphNode(kind: kind, namespace: "default", name: name, uid: "uid-\(name)", owners: owners, deleting: deleting, finalizers: finalizers)
}

func owner(_ name: String, block: Bool = true) -> OwnerReference {
    OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: name, uid: "uid-\(name)", controller: true, blockOwnerDeletion: block)
}

@Test func dependentOfPresentOwnerIsKept() {
    var g = OwnerGraph()
    g.upsert(gnode("rs", kind: "ReplicaSet"))
    g.upsert(gnode("p", owners: [owner("rs")]))
    #expect(g.decide(uid: "uid-p", confirmedAbsent: []) == .none)
    #expect(g.dependents(of: "uid-rs").map(\.name) == ["p"])
}

@Test func dependentOfGoneOwnerIsDeletedOnlyWhenConfirmed() {
    var g = OwnerGraph()
    g.upsert(gnode("p", owners: [owner("rs")]))
    // Not in the graph but not confirmed gone (the graph may lag): keep.
    #expect(g.decide(uid: "uid-p", confirmedAbsent: []) == .none)
    #expect(g.decide(uid: "uid-p", confirmedAbsent: ["uid-rs"]) == .delete(foreground: false))
}

@Test func danglingReferenceRemovedWhenAnotherOwnerRemains() {
    var g = OwnerGraph()
    g.upsert(gnode("a", kind: "ReplicaSet"))
    g.upsert(gnode("p", owners: [owner("a"), owner("b", block: false)]))
    #expect(g.decide(uid: "uid-p", confirmedAbsent: ["uid-b"]) == .removeDanglingRefs(["uid-b"]))
}

@Test func orphanFinalizerReleasesDependents() {
    var g = OwnerGraph()
    g.upsert(gnode("rs", kind: "ReplicaSet", deleting: true, finalizers: [OwnerGraph.orphanFinalizer]))
    g.upsert(gnode("p1", owners: [owner("rs")]))
    g.upsert(gnode("p2", owners: [owner("rs")]))
    guard case .orphanDependents(let deps) = g.decide(uid: "uid-rs", confirmedAbsent: []) else {
        Issue.record("expected orphaning")
        return
    }
    #expect(deps.map(\.name) == ["p1", "p2"])
}

@Test func foregroundDeletesDependentsAndWaitsForBlockingOnes() {
    var g = OwnerGraph()
    g.upsert(gnode("rs", kind: "ReplicaSet", deleting: true, finalizers: [OwnerGraph.foregroundFinalizer]))
    g.upsert(gnode("p1", owners: [owner("rs")]))
    g.upsert(gnode("p2", owners: [owner("rs", block: false)]))
    g.upsert(gnode("p3", owners: [owner("rs")], deleting: true))
    #expect(g.decide(uid: "uid-rs", confirmedAbsent: []) == .deleteDependents(toDelete: [gnode("p1", owners: [owner("rs")]), gnode("p2", owners: [owner("rs", block: false)])], blockingLeft: 2))
    // A dependent of an owner waiting in the foreground goes (in the foreground itself).
    #expect(g.decide(uid: "uid-p1", confirmedAbsent: []) == .delete(foreground: true))
    g.remove(uid: "uid-p1")
    g.remove(uid: "uid-p3")
    #expect(g.decide(uid: "uid-rs", confirmedAbsent: []) == .deleteDependents(toDelete: [gnode("p2", owners: [owner("rs", block: false)])], blockingLeft: 0))
}

@Test func changingOwnersUpdatesTheIndex() {
    var g = OwnerGraph()
    g.upsert(gnode("p", owners: [owner("a")]))
    let dropped = g.upsert(gnode("p", owners: [owner("b")]))
    #expect(dropped == ["uid-a"])
    #expect(g.dependents(of: "uid-a").isEmpty)
    #expect(g.dependents(of: "uid-b").map(\.name) == ["p"])
}

@Test func controllerSelection() throws {
    var o = ControllerManagerOptions()
    #expect(try o.enabled() == ControllerManagerOptions.allControllers)
    o.controllers = ["*,-nodelifecycle"]
    #expect(try !o.enabled().contains("nodelifecycle"))
    #expect(try o.enabled().count == ControllerManagerOptions.allControllers.count - 1)
    o.controllers = ["replicaset", "endpoints"]
    #expect(try o.enabled() == ["replicaset", "endpoints"])
    o.controllers = ["*", "-bogus"]
    #expect(throws: ControllerManagerError.self) { try o.enabled() }
}

@Test func goDurations() throws {
    #expect(try GoDuration.parse("40s", flag: "f") == .seconds(40))
    #expect(try GoDuration.parse("5m", flag: "f") == .seconds(300))
    #expect(try GoDuration.parse("1m30s", flag: "f") == .seconds(90))
    #expect(try GoDuration.parse("500ms", flag: "f") == .milliseconds(500))
    #expect(try GoDuration.parse("1.5h", flag: "f") == .seconds(5400))
    #expect(try GoDuration.parse("0", flag: "f") == .zero)
    do {
        _ = try GoDuration.parse("40", flag: "--node-monitor-grace-period")
        Issue.record("expected an error")
    } catch {
        #expect("\(error)".contains("--node-monitor-grace-period"))
    }
    #expect(throws: GoDuration.ParseError.self) { try GoDuration.parse("5x", flag: "f") }
}

@Test func eventSpamFilterAllowsBurstThenThrottles() {
    var f = EventSpamFilter(now: 0)
    var allowed = 0
    for _ in 0..<100 where f.allow(now: 1) { allowed += 1 }
    #expect(allowed == 25)
    let later = f.allow(now: 301)
    #expect(later)
}
