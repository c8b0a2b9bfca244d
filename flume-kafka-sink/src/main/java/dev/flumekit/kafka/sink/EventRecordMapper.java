package dev.flumekit.kafka.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flume.Event;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns a Flume event into a Kafka record: topic, partition, key, timestamp, headers and value.
 * Pure and I/O-free, safe for several threads; an event it cannot map is refused with a reason
 * instead of throwing.
 */
public final class EventRecordMapper {
  private final TopicRouter router;
  private final String keyHeader;
  private final String partitionIdHeader;
  private final Integer defaultPartitionId;
  private final String timestampHeader;
  private final long maxRecordTimeAgeMs;
  private final LongSupplier clock;
  private final HeaderSelection copyHeaders;

  /** A named copyHeaders list in its order, an array: no iterator per event. */
  private final String[] copiedNames;

  private final Map<String, String> headerMapping;

  /** Per thread: the encoder reuses its buffer; the Kafka channel maps on many source threads. */
  private final ThreadLocal<FlumeEventFormat> flumeEventFormat;

  public EventRecordMapper(KafkaSinkConfig config) {
    this(config, System::currentTimeMillis);
  }

  EventRecordMapper(KafkaSinkConfig config, LongSupplier clock) {
    this.clock = clock;
    this.maxRecordTimeAgeMs = config.get(KafkaSinkConfig.MAX_RECORD_TIME_AGE_MS);
    this.router = TopicRouter.from(config);
    this.keyHeader = config.get(KafkaSinkConfig.KEY_HEADER);
    this.partitionIdHeader = config.get(KafkaSinkConfig.PARTITION_ID_HEADER);
    this.defaultPartitionId = config.get(KafkaSinkConfig.DEFAULT_PARTITION_ID);
    this.timestampHeader = config.get(KafkaSinkConfig.TIMESTAMP_HEADER);
    this.copyHeaders = config.copyHeaders();
    this.copiedNames = copyHeaders.names().toArray(new String[0]);
    this.headerMapping = config.prefixed(KafkaSinkConfig.HEADER_MAPPING);
    this.flumeEventFormat =
        config.get(KafkaSinkConfig.USE_FLUME_EVENT_FORMAT)
            ? ThreadLocal.withInitial(FlumeEventFormat::new)
            : null;
  }

  public MappedEvent map(Event event) {
    Map<String, String> headers = event.getHeaders();
    TopicRouter.Route route = router.route(headers);
    if (route.topic() == null) {
      return MappedEvent.refused(route.check(), route.reason(), route.attempted());
    }
    String topic = route.topic();

    Integer partition = defaultPartitionId;
    if (partitionIdHeader != null) {
      String value = headers.get(partitionIdHeader);
      if (value != null) {
        partition = parseNonNegativeInt(value);
        if (partition == null) {
          return MappedEvent.refused(
              "BadPartitionHeader",
              partitionIdHeader + " = '" + value + "' is not a partition number",
              topic);
        }
      }
    }

    Long timestamp = null;
    boolean keepTime = false;
    if (timestampHeader != null) {
      String value = headers.get(timestampHeader);
      if (value != null) {
        timestamp = parseNonNegativeLong(value);
        if (timestamp == null) {
          return MappedEvent.refused(
              "BadTimestampHeader",
              timestampHeader + " = '" + value + "' is not epoch milliseconds",
              topic);
        }
        if (timestamp < clock.getAsLong() - maxRecordTimeAgeMs) {
          // retention deletes by record time: an old line gets its send time instead, and its own
          // time travels as a record header, copied or not (a loader takes its day from it)
          timestamp = null;
          keepTime = true;
        }
      }
    }

    String key = headers.get(keyHeader);
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    byte[] value =
        flumeEventFormat == null
            ? event.getBody()
            : flumeEventFormat.get().encode(headers, event.getBody());
    List<Header> recordHeaders = recordHeaders(headers);
    if (keepTime && flumeEventFormat == null && !copies(timestampHeader, recordHeaders)) {
      recordHeaders = recordHeaders == null ? new ArrayList<>(1) : recordHeaders;
      recordHeaders.add(
          new RecordHeader(
              timestampHeader, headers.get(timestampHeader).getBytes(StandardCharsets.UTF_8)));
    }
    return MappedEvent.of(
        new ProducerRecord<>(topic, partition, timestamp, keyBytes, value, recordHeaders));
  }

  private static boolean copies(String name, List<Header> headers) {
    if (headers != null) {
      for (Header h : headers) {
        if (h.key().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private List<Header> recordHeaders(Map<String, String> headers) {
    if (headerMapping.isEmpty() && !copyHeaders.all() && copyHeaders.names().isEmpty()) {
      return null;
    }
    if (headerMapping.isEmpty() && !copyHeaders.all()) {
      // a named list: looked up by name, in the list's order, instead of walking every header of
      // the event (a parsed access-log line has 15-20) with two lookups each (JFR: the mapper's
      // header walk was ~5% of a collector's CPU)
      List<Header> out = new ArrayList<>(copiedNames.length + 1);
      for (String name : copiedNames) {
        String value = headers.get(name);
        if (value != null) {
          out.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
      }
      return out;
    }
    List<Header> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String mapped = headerMapping.get(h.getKey());
      String name = mapped != null ? mapped : copyHeaders.includes(h.getKey()) ? h.getKey() : null;
      if (name != null && h.getValue() != null) {
        out.add(new RecordHeader(name, h.getValue().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  private static Integer parseNonNegativeInt(String text) {
    try {
      int v = Integer.parseInt(text.trim());
      return v >= 0 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long parseNonNegativeLong(String text) {
    try {
      long v = Long.parseLong(text.trim());
      return v >= 0 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
