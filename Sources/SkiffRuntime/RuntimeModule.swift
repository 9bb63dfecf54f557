import CSkiffRuntime
import SkiffCgroups

/// Containers from OCI bundles (DESIGN.md, "The runtime").
public enum SkiffRuntimeModule {}
