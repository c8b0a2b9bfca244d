package dev.flumekit.monitoring.server;

import dev.flumekit.common.agent.ComponentKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When each tail source last put a batch into its channel (its {@code EventAcceptedCount} grew),
 * and how many bytes its files held unread then. A source whose unread bytes grew since, while it
 * put nothing, has paused reading: its channel refuses or blocks its puts. Unread bytes alone do
 * not say it (a last line not yet ended stays unread however long the source waits for its end).
 * Observed like {@link DeliveryTracker}, on every scrape and once a second.
 */
final class SourceProgress {
  static final String ACCEPTED = "EventAcceptedCount";
  static final String UNREAD = "FileUnreadBytes";

  /**
   * A source's last progress, its files' backlog then, and since when the backlog has been larger
   * (-1: not since).
   */
  private record Seen(double accepted, long sinceMillis, double unreadThen, long grewMillis) {}

  private final Map<String, Seen> sources = new HashMap<>();

  synchronized void observe(List<ComponentReading> readings, long nowMillis) {
    for (ComponentReading r : readings) {
      if (!ComponentKind.SOURCE.isMonitored(r.kind())
          || !(r.attributes().get(UNREAD) instanceof String text)) {
        continue;
      }
      double accepted = r.number(ACCEPTED).orElse(0);
      long unread = unreadBytes(text);
      Seen before = sources.get(r.key());
      if (before == null || accepted != before.accepted()) {
        sources.put(r.key(), new Seen(accepted, nowMillis, unread, -1));
      } else if (unread > before.unreadThen() && before.grewMillis() < 0) {
        sources.put(
            r.key(), new Seen(accepted, before.sinceMillis(), before.unreadThen(), nowMillis));
      }
    }
  }

  /**
   * How long the source has put nothing while its files held more unread bytes than at its last
   * batch: since that batch, or since the files grew if they were quiet meanwhile (a burst after a
   * quiet hour is not an hour's pause); empty while it makes progress or nothing new waits.
   */
  synchronized OptionalLong pausedMillis(ComponentReading source, long nowMillis) {
    Seen s = sources.get(source.key());
    if (s == null
        || s.grewMillis() < 0
        || !(source.attributes().get(UNREAD) instanceof String text)
        || unreadBytes(text) <= s.unreadThen()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(nowMillis - Math.max(s.sinceMillis(), s.grewMillis()));
  }

  /** The sum of a {@code FileUnreadBytes} text: a line {@code <bytes> <path>} per file. */
  static long unreadBytes(String text) {
    long sum = 0;
    for (TextAttribute.Value v : TextAttribute.FILE_UNREAD_BYTES.values(text)) {
      sum += (long) v.value();
    }
    return sum;
  }
}
