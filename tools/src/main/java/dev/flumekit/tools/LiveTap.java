package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.json.JsonText;
import dev.flumekit.common.tooling.EventTap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flume.Context;

/**
 * {@code bin/flumekit-agent tap -n NAME -f FILE --component C [--count 5] [--timeout 30s]}: shows a
 * few events passing through a Kafka-backed component of a running agent (a Kafka channel's topics,
 * the topics a Kafka sink writes, a Kafka source's topics) as the agent sees them, a JSON object a
 * line: where it was read, its headers and body. The component is configured from the file as the
 * agent configures it; it reads from the topics' end, in no consumer group, committing nothing, so
 * the agent's own consumers are untouched. Exit status 0 once {@code --count} events were shown, 1
 * when the timeout came first (those seen are shown) or Kafka could not be read, 2 on a usage or
 * configuration error.
 */
public final class LiveTap {
  static final String USAGE =
      "usage: flumekit-agent tap -n NAME -f FILE --component C [--count 5] [--timeout 30s]";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

  private LiveTap() {}

  public static void main(String[] args) {
    CommandRunner.exit("tap", args, LiveTap::run);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine options = CommandLine.parse(args, Set.of());
    String agent = options.value("-n", "--name");
    String file = options.value("-f", "--conf-file");
    String name = options.value("--component");
    if (agent == null || file == null || name == null || !options.complete()) {
      err.println(USAGE);
      return ConfigCheck.USAGE;
    }
    int count;
    Duration timeout;
    String countText = Objects.requireNonNullElse(options.value("--count"), "5");
    try {
      count = Integer.parseInt(countText);
      timeout = duration(Objects.requireNonNullElse(options.value("--timeout"), "30s"));
    } catch (NumberFormatException e) {
      err.println("tap: --count '" + countText + "' is not a number of events, e.g. 5");
      return ConfigCheck.USAGE;
    } catch (IllegalArgumentException e) {
      err.println("tap: " + e.getMessage());
      return ConfigCheck.USAGE;
    }
    if (count < 1) {
      err.println("tap: --count " + count + ": give a number of events >= 1, e.g. 5");
      return ConfigCheck.USAGE;
    }
    Map<String, String> properties;
    try {
      properties = AgentFile.read(Paths.get(file));
    } catch (IOException e) {
      err.println("tap: cannot read " + file + ": " + e);
      return ConfigCheck.USAGE;
    }
    List<String> tappable = new ArrayList<>();
    Target target = null;
    String notTappable = null;
    for (ComponentKind kind : ComponentKind.RUNNING) {
      for (String n : AgentFile.components(properties, agent, kind)) {
        Optional<Target> t = target(properties, agent, kind, n);
        t.ifPresent(found -> tappable.add(found.describe()));
        if (n.equals(name) && t.isPresent()) {
          target = t.get();
        } else if (n.equals(name)) {
          notTappable =
              kind.named(name)
                  + " ("
                  + properties.get(AgentFile.prefix(agent, kind, name) + "type")
                  + ")";
        }
      }
    }
    if (target == null) {
      err.println(
          "tap: "
              + (notTappable != null
                  ? notTappable
                      + " is not Kafka-backed: tap reads the Kafka topics of a Kafka channel, sink"
                      + " or source. "
                  : "agent "
                      + agent
                      + " in "
                      + file
                      + " has no source, channel or sink "
                      + name
                      + ". ")
              + (tappable.isEmpty()
                  ? "Agent " + agent + " has no Kafka-backed component to tap."
                  : "Components that can be tapped: " + String.join(", ", tappable) + "."));
      return ConfigCheck.USAGE;
    }
    EventTap tap = target.tap();
    err.println(
        "tap: "
            + target.describe()
            + ": "
            + tap.tapped()
            + "; waiting up to "
            + timeout.toSeconds()
            + " s for "
            + count
            + " new event(s)");
    int shown;
    try {
      shown =
          tap.tap(
              count,
              timeout,
              t -> {
                out.println(json(t));
                out.flush();
              });
    } catch (IllegalStateException e) {
      err.println("tap: " + e.getMessage());
      return ConfigCheck.PROBLEMS;
    }
    if (shown < count) {
      err.println(
          "tap: " + shown + " of " + count + " event(s) within " + timeout.toSeconds() + " s");
      return ConfigCheck.PROBLEMS;
    }
    return ConfigCheck.OK;
  }

  /** A Kafka-backed component found in the file. */
  private record Target(ComponentKind kind, String name, String type, EventTap tap) {
    String describe() {
      return kind.named(name) + " (" + type + ")";
    }
  }

  /** The component configured as the agent would, if it can be tapped. */
  private static Optional<Target> target(
      Map<String, String> properties, String agent, ComponentKind kind, String name) {
    String prefix = AgentFile.prefix(agent, kind, name);
    String type = properties.get(prefix + "type");
    if (type == null) {
      return Optional.empty();
    }
    Context context = new Context(AgentFile.under(properties, prefix));
    return UnstartedComponent.of(kind, name, type, context, EventTap.class)
        .filter(t -> t.tapped() != null)
        .map(t -> new Target(kind, name, type, t));
  }

  /** {@code 30s}, {@code 2m}, {@code 500ms} or seconds alone. */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--timeout '" + text + "' is not a duration such as 30s, 2m or 500ms");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** {@code {"topic":"t","partition":0,"offset":7,"headers":{...},"body":"..."}}. */
  static String json(EventTap.Tapped t) {
    StringBuilder j = new StringBuilder("{\"topic\":");
    JsonText.quote(j, t.topic());
    j.append(",\"partition\":").append(t.partition());
    j.append(",\"offset\":").append(t.offset());
    j.append(",\"headers\":{");
    boolean first = true;
    for (Map.Entry<String, String> h : new TreeMap<>(t.headers()).entrySet()) {
      j.append(first ? "" : ",");
      first = false;
      JsonText.quote(j, h.getKey());
      j.append(':');
      JsonText.quote(j, h.getValue());
    }
    j.append("},\"body\":");
    JsonText.quote(j, new String(t.body(), StandardCharsets.UTF_8));
    if (t.decodeFailure() != null) {
      j.append(",\"decodeFailure\":");
      JsonText.quote(j, t.decodeFailure());
    }
    return j.append('}').toString();
  }
}
