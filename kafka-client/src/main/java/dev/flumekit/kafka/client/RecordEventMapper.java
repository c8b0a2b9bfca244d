package dev.flumekit.kafka.client;

import dev.flumekit.common.avro.FlumeEventDecoder;
import dev.flumekit.common.deadletter.DeadLetter;
import java.util.Arrays;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record as a Flume event: record headers become event headers (UTF-8), plus topic,
 * partition, offset, key, and timestamp unless the event already carries one; with
 * useFlumeEventFormat the value's own Avro headers and body. I/O-free; one per thread (the Kafka
 * source's, each taking thread of the Kafka channel, and {@code tap}'s).
 */
public final class RecordEventMapper {
  /**
   * A mapped record: the event (with the raw value as its body when it did not decode), and why its
   * value is not a Flume event, or null.
   */
  public record Mapped(Event event, String decodeFailure) {
    public boolean decodeFailed() {
      return decodeFailure != null;
    }

    /** The dead letter of a record that did not decode, read from {@code topic}. */
    public DeadLetter deadLetter(String topic) {
      return DeadLetter.of(event, decodeFailure, "MalformedFlumeEvent", topic);
    }
  }

  private final boolean flumeEventFormat;
  private final String topicHeader;

  /**
   * @param topicHeader the header for the topic, or null for none
   */
  public RecordEventMapper(boolean flumeEventFormat, String topicHeader) {
    this.flumeEventFormat = flumeEventFormat;
    this.topicHeader = topicHeader;
  }

  private String[] partitionNames = new String[0];

  /** Partition numbers as text, made once each: every event carries one. */
  private String partitionName(int partition) {
    if (partition >= partitionNames.length) {
      partitionNames = Arrays.copyOf(partitionNames, partition + 16);
    }
    String name = partitionNames[partition];
    if (name == null) {
      name = Integer.toString(partition);
      partitionNames[partition] = name;
    }
    return name;
  }

  /**
   * The record as an event. With Flume's event format the value is decoded now (a value that does
   * not decode is a dead letter, known before the batch moves on); the header map is built when
   * first read (see {@link RecordEvent}).
   */
  public Mapped map(ConsumerRecord<byte[], byte[]> record) {
    byte[] body = record.value() == null ? new byte[0] : record.value();
    Map<String, String> decodedHeaders = null;
    String decodeFailure = null;
    if (flumeEventFormat) {
      // bounded by the record's own size: a malformed length cannot force a huge allocation
      try {
        FlumeEventDecoder.Decoded decoded = FlumeEventDecoder.decode(body);
        decodedHeaders = decoded.headers();
        body = decoded.body();
      } catch (FlumeEventDecoder.MalformedEventException e) {
        decodeFailure = "not a Flume Avro event: " + e.getMessage();
      }
    }
    RecordEvent event =
        new RecordEvent(
            record, body, decodedHeaders, topicHeader, partitionName(record.partition()));
    return new Mapped(event, decodeFailure);
  }
}
