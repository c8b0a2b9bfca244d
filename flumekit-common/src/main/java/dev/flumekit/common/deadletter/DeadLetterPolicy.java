package dev.flumekit.common.deadletter;

import dev.flumekit.common.config.ValueType;

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
    TOPIC,
    FILE,
    DROP,
    FAIL
  }

  public static final ValueType<DeadLetterPolicy> TYPE =
      ValueType.of("topic:<name>, file:<directory>, drop or fail", DeadLetterPolicy::parse);

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
