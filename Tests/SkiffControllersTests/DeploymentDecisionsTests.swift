import SkiffAPI
import Testing
@testable import SkiffControllers

@Test func fencepostsRoundSurgeUpAndUnavailableDown() {
    #expect(DeploymentDecisions.fenceposts(makeDeployment(replicas: 10)) == (3, 2))
    #expect(DeploymentDecisions.fenceposts(makeDeployment(replicas: 3, surge: .int(1), unavailable: .int(0))) == (1, 0))
    #expect(DeploymentDecisions.fenceposts(makeDeployment(replicas: 3, surge: .int(0), unavailable: .int(0))) == (0, 1))
    #expect(DeploymentDecisions.fenceposts(makeDeployment(replicas: 4, surge: .string("50%"), unavailable: .string("50%"))) == (2, 2))
    #expect(DeploymentDecisions.maxUnavailable(makeDeployment(replicas: 1, surge: .int(0), unavailable: .int(5))) == 1)
    #expect(DeploymentDecisions.maxSurge(makeDeployment(recreate: true)) == 0)
}

@Test func newReplicaSetGrowsWithinSurge() {
    let d = makeDeployment(replicas: 10)  // surge 3
    let old = makeRS("old", spec: 10, available: 10)
    let new = makeRS("new", spec: 0)
    #expect(DeploymentDecisions.newReplicaSetTarget(d, all: [old, new], new: new) == 3)
    let new3 = makeRS("new", spec: 3)
    #expect(DeploymentDecisions.newReplicaSetTarget(d, all: [old, new3], new: new3) == 3)
    let old7 = makeRS("old", spec: 7, available: 7)
    #expect(DeploymentDecisions.newReplicaSetTarget(d, all: [old7, new3], new: new3) == 6)
    // Never past the deployment's replicas.
    let new9 = makeRS("new", spec: 9)
    #expect(DeploymentDecisions.newReplicaSetTarget(d, all: [makeRS("old", spec: 0), new9], new: new9) == 10)
}

@Test func oldReplicaSetsShrinkKeepingMinimumAvailable() {
    let d = makeDeployment(replicas: 10)  // unavailable 2: keep 8 available
    let old = makeRS("old", spec: 10, available: 10)
    let new = makeRS("new", spec: 3, available: 0)
    // 13 total, 3 new unavailable: maxScaledDown = 13 - 8 - 3 = 2, all available → scale down 2.
    #expect(DeploymentDecisions.oldReplicaSetTargets(d, all: [old, new], old: [old], new: new) == ["old": 8])
    // New pods available: scale further.
    let newReady = makeRS("new", spec: 3, available: 3)
    #expect(DeploymentDecisions.oldReplicaSetTargets(d, all: [old, newReady], old: [old], new: newReady) == ["old": 5])
    // Unhealthy old pods go first without costing availability.
    let sick = makeRS("old", spec: 10, available: 6)
    #expect(DeploymentDecisions.oldReplicaSetTargets(d, all: [sick, new], old: [sick], new: new) == ["old": 8])
    // Nothing to do when availability is at the minimum.
    let tight = makeRS("old", spec: 8, available: 8)
    let newNotReady = makeRS("new", spec: 2, available: 0)
    #expect(DeploymentDecisions.oldReplicaSetTargets(d, all: [tight, newNotReady], old: [tight], new: newNotReady).isEmpty)
}

@Test func oldestReplicaSetScalesDownFirst() {
    let d = makeDeployment(replicas: 4, surge: .int(0), unavailable: .int(2))
    let older = makeRS("older", spec: 2, available: 2, created: 100)
    let newer = makeRS("newer", spec: 2, available: 2, created: 200)
    let new = makeRS("new", spec: 0)
    #expect(DeploymentDecisions.oldReplicaSetTargets(d, all: [newer, older, new], old: [newer, older], new: new) == ["older": 0])
}

@Test func templateHashIsStableAndIgnoresItsLabel() {
    let d = makeDeployment()
    let h = TemplateHash.compute(d.spec.template)
    #expect(h == TemplateHash.compute(d.spec.template))
    #expect(h.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    var labelled = d.spec.template
    labelled.metadata.labels?[TemplateHash.label] = h
    #expect(TemplateHash.compute(labelled) == h)
    #expect(TemplateHash.equalIgnoringHash(labelled, d.spec.template))
    var changed = d.spec.template
    changed.spec.containers[0].image = "nginx"
    #expect(TemplateHash.compute(changed) != h)
    #expect(!TemplateHash.equalIgnoringHash(changed, d.spec.template))
    #expect(TemplateHash.compute(d.spec.template, collisionCount: 1) != h)
    #expect(TemplateHash.fnv32a(Array("a".utf8)) == 0xe40c292c)
}

@Test func revisionAnnotationsAndHistory() {
    var d = makeDeployment(replicas: 3, surge: .int(1), unavailable: .int(0))
    d.metadata.annotations = ["kubernetes.io/change-cause": "v2", DeploymentDecisions.revisionAnnotation: "1",
                              "kubectl.kubernetes.io/last-applied-configuration": "{}"]
    let a = DeploymentDecisions.replicaSetAnnotations(d, existing: nil, revision: 2)
    #expect(a[DeploymentDecisions.revisionAnnotation] == "2")
    #expect(a["kubernetes.io/change-cause"] == "v2")
    #expect(a["kubectl.kubernetes.io/last-applied-configuration"] == nil)
    #expect(a[DeploymentDecisions.desiredReplicasAnnotation] == "3")
    #expect(a[DeploymentDecisions.maxReplicasAnnotation] == "4")
    // A rollback reuses an old ReplicaSet: new revision, the old one in the history.
    let reused = DeploymentDecisions.replicaSetAnnotations(d, existing: [DeploymentDecisions.revisionAnnotation: "1"], revision: 3)
    #expect(reused[DeploymentDecisions.revisionAnnotation] == "3")
    #expect(reused[DeploymentDecisions.revisionHistoryAnnotation] == "1")
    #expect(DeploymentDecisions.maxRevision([makeRS("a", spec: 0, revision: 4), makeRS("b", spec: 0, revision: 9)]) == 9)
}

@Test func historyBeyondLimitIsDeletedOldestFirst() {
    var d = makeDeployment()
    d.spec.revisionHistoryLimit = 1
    let r1 = makeRS("r1", spec: 0, revision: 1)
    let r2 = makeRS("r2", spec: 1, available: 1, revision: 2)
    let r3 = makeRS("r3", spec: 0, revision: 3)
    // Two too many (the oldest revisions, r1 and r2); r2 still has pods so only r1 goes.
    let del = DeploymentDecisions.historyToDelete(d, old: [r3, r2, r1]).map { $0.metadata.name ?? "" }
    #expect(del == ["r1"])
    d.spec.revisionHistoryLimit = 0
    #expect(DeploymentDecisions.historyToDelete(d, old: [r3, r1]).count == 2)
}

@Test func statusAndConditions() {
    let d = makeDeployment(replicas: 3, surge: .int(1), unavailable: .int(1))
    let now = Time(secondsSinceEpoch: 10_000)
    let old = makeRS("old", spec: 1, available: 1)
    let new = makeRS("new", spec: 3, available: 1, ready: 2)
    let s = DeploymentDecisions.status(d, all: [old, new], new: new, now: now)
    #expect(s.replicas == 4 && s.updatedReplicas == 3 && s.availableReplicas == 2 && s.readyReplicas == 3)
    #expect(s.unavailableReplicas == 1)
    #expect(s.observedGeneration == 1)
    #expect(s.conditions?.first { $0.type == "Available" }?.reason == "MinimumReplicasAvailable")
    #expect(!DeploymentDecisions.isComplete(d, s))
    let progressed = DeploymentDecisions.progressing(d, old: DeploymentStatus(), new: s, newRSName: "new", now: now)
    let p = progressed.conditions?.first { $0.type == "Progressing" }
    #expect(p?.reason == "ReplicaSetUpdated")
    #expect(p?.message == "ReplicaSet \"new\" is progressing.")
    // Complete.
    let done = makeRS("new", spec: 3, available: 3)
    let s2 = DeploymentDecisions.status(d, all: [makeRS("old", spec: 0, statusReplicas: 0), done], new: done, now: now)
    #expect(DeploymentDecisions.isComplete(d, s2))
    let c2 = DeploymentDecisions.progressing(d, old: s, new: s2, newRSName: "new", now: now).conditions?.first { $0.type == "Progressing" }
    #expect(c2?.reason == "NewReplicaSetAvailable")
    #expect(c2?.message == "ReplicaSet \"new\" has successfully progressed.")
    // Too few available.
    let none = makeRS("new", spec: 3, available: 0)
    let s3 = DeploymentDecisions.status(d, all: [none], new: none, now: now)
    #expect(s3.conditions?.first { $0.type == "Available" }?.status == "False")
}

@Test func progressDeadlineExceededWithoutProgress() {
    var d = makeDeployment(replicas: 3)
    d.spec.progressDeadlineSeconds = 60
    var s = DeploymentStatus(observedGeneration: 1, replicas: 3, updatedReplicas: 1, readyReplicas: 0, availableReplicas: 0)
    s.conditions = [DeploymentCondition(type: "Progressing", status: "True", lastUpdateTime: Time(secondsSinceEpoch: 1000),
                                        lastTransitionTime: Time(secondsSinceEpoch: 1000), reason: "ReplicaSetUpdated")]
    let early = DeploymentDecisions.progressing(d, old: s, new: s, newRSName: "x", now: Time(secondsSinceEpoch: 1030))
    #expect(early.conditions?.first?.reason == "ReplicaSetUpdated")
    #expect(DeploymentDecisions.secondsToDeadline(d, s, now: Time(secondsSinceEpoch: 1030)) == 31)
    let late = DeploymentDecisions.progressing(d, old: s, new: s, newRSName: "x", now: Time(secondsSinceEpoch: 1061))
    let c = late.conditions?.first { $0.type == "Progressing" }
    #expect(c?.status == "False")
    #expect(c?.reason == "ProgressDeadlineExceeded")
    #expect(c?.message == "ReplicaSet \"x\" has timed out progressing.")
}

@Test func proportionalScalingSharesTheChange() {
    let d = makeDeployment(replicas: 20, surge: .int(0), unavailable: .int(1))
    let a = makeRS("a", spec: 5, created: 100)
    let b = makeRS("b", spec: 5, created: 200)
    let t = DeploymentDecisions.proportionalTargets(d, active: [a, b])
    #expect(t.values.reduce(0, +) == 20)
    #expect(t["a"] == 10 && t["b"] == 10)
}

@Test func scalingEventMessage() {
    #expect(DeploymentDecisions.scalingMessage("web-5d7f", from: 0, to: 3) == "Scaled up replica set web-5d7f to 3 from 0")
    #expect(DeploymentDecisions.scalingMessage("web-5d7f", from: 3, to: 1) == "Scaled down replica set web-5d7f to 1 from 3")
}
