package dev.flumekit.common.tooling;

import java.util.Map;

/**
 * A channel that reads a Kafka topic and can say, without a broker, what event it would hand its
 * sink for a record: {@code bin/flumekit-agent test --sink} shows a loader's side with it. Like
 * everything in this package, loaded from the agent's class path, and in JDK types only.
 */
public interface TakePreview {
  /**
   * The event (headers, body) a take would hand over for a record, or null when takes do not read
   * {@code topic}.
   *
   * @param key the record's key, or null
   * @param timestamp the record's time (epoch ms), or null for the time it was sent
   * @param headers what the record carries of its event's headers (as record headers, or inside a
   *     Flume event value)
   */
  Map.Entry<Map<String, String>, byte[]> taken(
      String topic,
      int partition,
      String key,
      Long timestamp,
      Map<String, String> headers,
      byte[] body);
}
