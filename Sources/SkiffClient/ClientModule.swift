import SkiffAPI

/// REST client and informers for Skiff components (DESIGN.md: components talk only through the API).
public enum SkiffClientModule {}
