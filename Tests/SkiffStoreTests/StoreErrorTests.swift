import Testing
@testable import SkiffStore

@Test func storeErrorsNameTheKey() {
    #expect(StoreError.keyExists("/registry/pods/default/a").description.contains("/registry/pods/default/a"))
    #expect(StoreError.conflict(key: "k", currentRevision: 7).description.contains("7"))
}
