package dev.flumekit.kafka.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The values of {@code kafka.producer.*} and {@code kafka.consumer.*} keys checked against the
 * client's own definitions (types, ranges, enumerations such as {@code security.protocol}), when
 * the component is configured: without it a misspelt value is only refused when the client is
 * created, at start, and the component then fails again every few seconds. Runs in the plugin's
 * class loader, on the kafka-clients the client will be made with; nothing connects.
 */
public final class ClientValues {
  private ClientValues() {}

  /**
   * A problem for each value the client would refuse, naming the configuration key, the value and
   * what the client takes. Keys the client does not define are left to it.
   *
   * @param prefix where the values come from ("kafka.producer.")
   * @param values the entries under the prefix, keyed by the client's setting name
   * @param definition the client's definitions: {@code ProducerConfig.configDef()}, {@code
   *     ConsumerConfig.configDef()}
   */
  public static List<String> problems(
      String prefix, Map<String, String> values, ConfigDef definition) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      ConfigDef.ConfigKey key = definition.configKeys().get(e.getKey());
      if (key == null) {
        continue;
      }
      String value = e.getValue().trim();
      String shown = key.type == ConfigDef.Type.PASSWORD ? "[hidden]" : value;
      Object parsed;
      try {
        parsed = ConfigDef.parseType(key.name, value, key.type);
      } catch (ConfigException refused) {
        problems.add(prefix + key.name + " = '" + shown + "': expected " + typeWords(key.type));
        continue;
      }
      try {
        if (key.validator != null) {
          key.validator.ensureValid(key.name, parsed);
        }
      } catch (ConfigException refused) {
        problems.add(
            prefix + key.name + " = '" + shown + "': " + reason(key.name, refused.getMessage()));
      }
    }
    return problems;
  }

  private static String typeWords(ConfigDef.Type type) {
    return switch (type) {
      case INT, SHORT, LONG -> "an integer";
      case DOUBLE -> "a number";
      case BOOLEAN -> "true or false";
      case LIST -> "a comma-separated list";
      case CLASS -> "a class name";
      default -> "a " + type.name().toLowerCase(Locale.ROOT);
    };
  }

  /** The client's reason, without its preamble ("Invalid value x for configuration y: "). */
  private static String reason(String name, String message) {
    String preamble = "for configuration " + name + ": ";
    int at = message == null ? -1 : message.indexOf(preamble);
    return at < 0 ? String.valueOf(message) : message.substring(at + preamble.length());
  }
}
