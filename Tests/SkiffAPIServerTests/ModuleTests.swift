import Testing
@testable import SkiffAPIServer
import SkiffAPI

@Test func serverSpeaksKubernetes132() {
    #expect(SkiffVersion.kubernetesMajor == "1")
}
