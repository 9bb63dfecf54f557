import Testing
@testable import SkiffAPI

@Test func kubectlDispatcherNeedsMinor32() {
    #expect(SkiffVersion.kubernetesMinor == "32")
    #expect(SkiffVersion.gitVersion.hasPrefix("v1.32."))
}
