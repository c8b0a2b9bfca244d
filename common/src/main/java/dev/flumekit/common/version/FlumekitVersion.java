package dev.flumekit.common.version;

/** The flumekit release a class comes from, as its jar's manifest says (Implementation-Version). */
public final class FlumekitVersion {
  private FlumekitVersion() {}

  /** The version of {@code type}'s jar; "(unpackaged)" when it runs from classes, as in an IDE. */
  public static String of(Class<?> type) {
    String version =
        type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return version == null ? "(unpackaged)" : version;
  }
}
