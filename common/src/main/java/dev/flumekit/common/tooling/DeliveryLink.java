package dev.flumekit.common.tooling;

/**
 * A configured component that can say, from its settings, what its link of a flow guarantees:
 * {@code bin/flumekit-agent check} composes the links of each flow (source, channel, sink) into the
 * flow's end-to-end guarantee and names the setting that limits it. Like everything in this
 * package, loaded from the agent's class path by every plugin's class loader, and in JDK types
 * only.
 */
public interface DeliveryLink {
  String AT_MOST_ONCE = "at-most-once";
  String AT_LEAST_ONCE = "at-least-once";
  String EXACTLY_ONCE = "exactly-once";

  /**
   * {@link #AT_MOST_ONCE} (this link can lose events), {@link #AT_LEAST_ONCE} (it loses none but
   * can pass some on twice) or {@link #EXACTLY_ONCE}; null when the component does not say.
   */
  String deliveryGuarantee();

  /** Why, naming the setting that decides it: {@code transactional = false: a put retried ...}. */
  String deliveryReason();

  /**
   * Whether an event that reaches this component twice (a line sent again with its line id) takes
   * effect once: such a link makes the duplicates of the links before it harmless.
   */
  boolean deduplicates();

  /**
   * A channel's take side, a link of its own: what its sinks get of what it holds (the methods
   * above describe its put side); null for other components, or when the channel does not say.
   */
  default String takeGuarantee() {
    return null;
  }

  /** Why the take side keeps what {@link #takeGuarantee()} says. */
  default String takeReason() {
    return null;
  }
}
