import Testing
import CSkiffRuntime

@Test func cShimIsLinked() {
    #expect(skiff_runtime_abi_version() == 2)
}
