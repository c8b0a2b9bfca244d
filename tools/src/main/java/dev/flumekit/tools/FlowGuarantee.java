package dev.flumekit.tools;

import dev.flumekit.common.tooling.DeliveryLink;
import java.util.List;

/**
 * The end-to-end delivery guarantee of one flow of an agent (a source into a channel, a channel to
 * a sink, or both), composed from what each link keeps, and the link that limits it.
 *
 * @param level at most once, at least once, exactly once, or unknown
 * @param reason why: the limiting link's setting, or the deduplicating link that makes the
 *     duplicates of the links before it harmless
 */
record FlowGuarantee(String level, String reason) {
  /**
   * One link of a flow: a source, channel or sink, as its component describes it ({@link
   * DeliveryLink}) or as check knows Flume's own components.
   *
   * @param level one of {@link DeliveryLink}'s levels; null when the component does not say
   */
  record Link(String component, String level, String reason, boolean deduplicates) {}

  static final String AT_MOST_ONCE = "at most once";
  static final String AT_LEAST_ONCE = "at least once";
  static final String EXACTLY_ONCE = "exactly once";
  static final String UNKNOWN = "unknown";

  /**
   * Any link that can lose an event makes the flow at most once. Otherwise a link that can pass an
   * event on twice makes it at least once, unless a later link takes what reaches it twice once (an
   * exactly-once HBase sink, by line id). Otherwise exactly once.
   */
  static FlowGuarantee of(List<Link> links) {
    for (Link link : links) {
      if (link.level() == null) {
        return new FlowGuarantee(UNKNOWN, link.component() + " does not say what it guarantees");
      }
    }
    for (Link link : links) {
      if (DeliveryLink.AT_MOST_ONCE.equals(link.level())) {
        return new FlowGuarantee(AT_MOST_ONCE, link.reason());
      }
    }
    int deduplicating = -1;
    for (int i = 0; i < links.size(); i++) {
      if (links.get(i).deduplicates()) {
        deduplicating = i;
      }
    }
    // the last such link names the setting to change: no link after it could take its twice once
    for (int i = links.size() - 1; i > deduplicating; i--) {
      if (DeliveryLink.AT_LEAST_ONCE.equals(links.get(i).level())) {
        return new FlowGuarantee(AT_LEAST_ONCE, links.get(i).reason());
      }
    }
    if (deduplicating >= 0) {
      boolean absorbed =
          links.subList(0, deduplicating).stream()
              .anyMatch(l -> DeliveryLink.AT_LEAST_ONCE.equals(l.level()));
      Link d = links.get(deduplicating);
      return new FlowGuarantee(
          EXACTLY_ONCE,
          absorbed ? d.reason() + "; what the links before it send twice counts once" : d.reason());
    }
    return new FlowGuarantee(
        EXACTLY_ONCE, links.isEmpty() ? "" : links.get(links.size() - 1).reason());
  }
}
