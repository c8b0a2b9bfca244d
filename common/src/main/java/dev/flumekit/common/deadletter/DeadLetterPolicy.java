package dev.flumekit.common.deadletter;

import dev.flumekit.common.config.ValueType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a sink does with an event that cannot be delivered and will not succeed if retried: {@code
 * topic:<name>} or {@code file:<dir>} keep it aside with its reason, {@code drop} counts and logs
 * it, {@code fail} refuses the batch as Flume's own sinks do (the sink stops making progress).
 *
 * @param kind the policy kind
 * @param target the topic name for {@code TOPIC}, the directory for {@code FILE}, else null
 */
public record DeadLetterPolicy(Kind kind, String target) {

  /** The kinds of policy. */
  public enum Kind {
    TOPIC("topic:<name>"),
    FILE("file:<directory>"),
    DROP("drop"),
    FAIL("fail");

    private final String form;

    Kind(String form) {
      this.form = form;
    }
  }

  public static final ValueType<DeadLetterPolicy> TYPE = type(EnumSet.allOf(Kind.class));

  /** Policies of the given kinds only, e.g. no {@code topic:} for a sink that is not Kafka's. */
  public static ValueType<DeadLetterPolicy> type(Set<Kind> kinds) {
    List<String> forms = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (kinds.contains(kind)) {
        forms.add(kind.form);
      }
    }
    String expected =
        forms.size() == 1
            ? forms.get(0)
            : String.join(", ", forms.subList(0, forms.size() - 1))
                + " or "
                + forms.get(forms.size() - 1);
    return ValueType.of(
        expected,
        s -> {
          DeadLetterPolicy policy = parse(s);
          if (!kinds.contains(policy.kind())) {
            throw new IllegalArgumentException(s);
          }
          return policy;
        });
  }

  /**
   * @throws IllegalArgumentException if {@code spec} is none of the forms in {@link #TYPE}
   */
  public static DeadLetterPolicy parse(String spec) {
    if (spec.equals("drop")) {
      return new DeadLetterPolicy(Kind.DROP, null);
    }
    if (spec.equals("fail")) {
      return new DeadLetterPolicy(Kind.FAIL, null);
    }
    if (spec.startsWith("topic:") && spec.length() > "topic:".length()) {
      return new DeadLetterPolicy(Kind.TOPIC, spec.substring("topic:".length()).trim());
    }
    if (spec.startsWith("file:") && spec.length() > "file:".length()) {
      return new DeadLetterPolicy(Kind.FILE, spec.substring("file:".length()).trim());
    }
    throw new IllegalArgumentException(spec);
  }

  @Override
  public String toString() {
    return target == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : spec();
  }

  private String spec() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + target;
  }
}
