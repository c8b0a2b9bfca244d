package dev.flumekit.common.tooling;

import java.util.Map;

/**
 * A Kafka sink or channel that can say, without sending, what record an event would become: {@code
 * bin/flumekit-agent test} shows it for each sample line. Like everything in this package, loaded
 * from the agent's class path by every plugin's class loader, and in JDK types only.
 */
public interface RecordPreview {
  /**
   * The record an event of these headers and body would become: {@code topic}, {@code key} (absent
   * without one), {@code partition} (absent: the producer's partitioner picks it, by the key's hash
   * when there is a key), {@code timestamp} (absent: the producer's clock); or {@code deadLetter}
   * with the reason the event would be refused, and {@code topic} it was headed for.
   */
  Map<String, String> preview(Map<String, String> headers, byte[] body);
}
