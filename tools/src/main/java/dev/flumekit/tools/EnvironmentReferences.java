package dev.flumekit.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References to environment variables through Flume's {@code env} configuration filter ({@code
 * ${f1['KAFKA_PASSWORD']}}) that the check's environment does not set: Flume then leaves the
 * reference in the value as written, without a word, and the component gets a password, a topic or
 * a broker list that is the reference's text.
 */
final class EnvironmentReferences {
  private static final Set<String> ENV_TYPES =
      Set.of("env", "org.apache.flume.configfilter.EnvironmentVariableConfigFilter");

  private EnvironmentReferences() {}

  /**
   * A problem for each reference of {@code agent}'s values to an unset variable.
   *
   * @param environment the variables the agent would start with
   */
  static List<String> unset(
      String agent,
      Map<String, String> properties,
      Set<String> filters,
      Map<String, String> environment) {
    List<String> problems = new ArrayList<>();
    for (String filter : filters) {
      String type = properties.get(agent + ".configfilters." + filter + ".type");
      if (type == null || !ENV_TYPES.contains(type.trim())) {
        continue;
      }
      // Flume's own form of a reference: ${name['KEY']}, ${name["KEY"]} or ${name[KEY]}
      Pattern reference =
          Pattern.compile(
              "\\$\\{" + Pattern.quote(filter) + "\\[(|'|\")(?<key>[-_a-zA-Z0-9]+)\\1\\]\\}");
      for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
        if (!e.getKey().startsWith(agent + ".")) {
          continue;
        }
        Matcher m = reference.matcher(e.getValue());
        while (m.find()) {
          String variable = m.group("key");
          if (environment.get(variable) == null) {
            problems.add(
                e.getKey()
                    + ": "
                    + m.group()
                    + " names environment variable "
                    + variable
                    + ", which is not set (configuration filter "
                    + filter
                    + ", type env), so the value stays as written: set "
                    + variable
                    + " where the agent starts (conf/flumekit/flume-env.sh, or the systemd"
                    + " unit's Environment=)");
          }
        }
      }
    }
    return problems;
  }
}
