package dev.flumekit.common.tooling;

import java.util.Map;

/**
 * A sink or channel that can say, without writing, what an event would become: {@code
 * bin/flumekit-agent test} shows it for each sample event. Like everything in this package, loaded
 * from the agent's class path by every plugin's class loader, and in JDK types only.
 */
public interface RecordPreview {
  /**
   * What an event of these headers and body would become, by name. Kafka's sink and channel: {@code
   * topic}, {@code key} (absent without one), {@code partition} (absent: the producer's partitioner
   * picks it, by the key's hash when there is a key), {@code timestamp} (absent: the producer's
   * clock). The HBase sink: {@code row}, {@code columns}, {@code counterRow}, {@code counter},
   * {@code day}. Either way, {@code deadLetter} with the reason the event would be refused (by the
   * component or, as far as known without asking it, by the server) and {@code deadLetterTo}, where
   * it would go instead.
   */
  Map<String, String> preview(Map<String, String> headers, byte[] body);
}
