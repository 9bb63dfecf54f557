import SkiffAPI
import SkiffStore

/// The Kubernetes API server over a `KVStore` (DESIGN.md, "API conventions").
public enum SkiffAPIServerModule {}
