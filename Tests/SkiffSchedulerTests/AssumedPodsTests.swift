import Testing
@testable import SkiffScheduler

@Suite struct AssumedPodsTests {
    @Test func aSeenBindingStaysMarkedUntilForgotten() {
        let a = AssumedPods()
        a.set("ns/p", node: "n1")
        #expect(!a.confirm("ns/p", node: "n2"))   // bound elsewhere: decode the event
        #expect(a.confirm("ns/p", node: "n1"))
        #expect(!a.confirm("ns/p", node: "n1"))   // only once
        #expect(a.contains("ns/p"))               // a stale pending event is still ignored
        a.remove("ns/p")
        #expect(!a.contains("ns/p"))
    }

    @Test func aFailedBindingDropsOnlyAnOpenAssumption() {
        let a = AssumedPods()
        a.set("ns/p", node: "n1")
        #expect(a.bindingFailed("ns/p", node: "n2") == .unknown)
        #expect(a.bindingFailed("ns/p", node: "n1") == .dropped)
        #expect(!a.contains("ns/p"))
        a.set("ns/q", node: "n1")
        _ = a.confirm("ns/q", node: "n1")
        #expect(a.bindingFailed("ns/q", node: "n1") == .seenBound)
        #expect(a.contains("ns/q"))
    }
}
