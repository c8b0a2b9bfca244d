package dev.flumekit.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flume's reasons for dropping a component, turned into causes: its generic "has been removed" only
 * when nothing better is known, and the messages of Flume's own components that name no key given
 * the key and the fix.
 */
final class FlumeReasons {
  private static final String REMOVED = "has been removed due to an error during configuration";

  /** Flume's messages that name no key, by component type: the key, what it takes, the message. */
  private static final Map<String, Map<String, String>> KEYLESS =
      Map.of(
          "file_roll",
          Map.of(
              "Directory may not be null",
              "sink.directory: required, expected the directory file_roll writes its files to"),
          "org.apache.flume.sink.RollingFileSink",
          Map.of(
              "Directory may not be null",
              "sink.directory: required, expected the directory file_roll writes its files to"));

  private FlumeReasons() {}

  /**
   * The causes among {@code reasons}, a line each, in the words an operator acts on.
   *
   * @param type the component's type as configured, or null
   */
  static List<String> causes(String type, List<String> reasons) {
    List<String> causes = new ArrayList<>();
    Map<String, String> keyless =
        type == null ? Map.of() : KEYLESS.getOrDefault(type.trim(), Map.of());
    for (String reason : reasons) {
      String known = keyless.get(reason.strip());
      causes.add(known == null ? reason : known + " (Flume: " + reason.strip() + ")");
    }
    if (causes.size() > 1) {
      causes.remove(REMOVED);
    }
    return causes;
  }

  /** Whether Flume's reason only says that a component lost its channel. */
  static boolean followsFromItsChannel(String reason) {
    return reason.equals(REMOVED) || reason.endsWith("is not connected to a channel");
  }
}
