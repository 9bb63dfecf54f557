/// Skiff's own version and the Kubernetes API version it speaks.
public enum SkiffVersion {
    public static let skiff = "0.1.0"
    /// kubectl picks its binary by the server's minor version; Skiff speaks 1.32's API.
    public static let kubernetesMajor = "1"
    public static let kubernetesMinor = "32"
    public static let gitVersion = "v1.32.0-skiff.0.1.0"
}
