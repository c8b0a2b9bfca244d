package dev.flumekit.tools;

import java.util.Map;

/**
 * An event as it enters what {@code test} runs: from the source (before its interceptors) or, for a
 * sink, as the record a collector sent, which the sink's channel hands over.
 *
 * @param line the sample's number, from 1
 * @param record the Kafka record the event travelled as, or null when it is given as the sink gets
 *     it
 */
record SampleEvent(int line, Map<String, String> headers, byte[] body, Record record) {
  SampleEvent(int line, Map<String, String> headers, byte[] body) {
    this(line, headers, body, null);
  }

  /**
   * A record as {@code test} shows a collector's: where it went, or why it did not.
   *
   * @param partition the partition, or -1 when the producer's partitioner picks it
   * @param timestamp the record's time, or null for the send time
   * @param deadLetter why the collector would not send it, or null
   */
  record Record(String topic, int partition, String key, Long timestamp, String deadLetter) {}
}
