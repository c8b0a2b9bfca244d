package dev.flumekit.kafka.sink;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An event turned into a record, or the reason it cannot be one.
 *
 * @param record the record to send, or null if refused
 * @param refusalCheck the name of the check that refused the event, or null
 * @param refusal why the event was refused, or null
 * @param destination the topic the event was headed for
 */
public record MappedEvent(
    ProducerRecord<byte[], byte[]> record,
    String refusalCheck,
    String refusal,
    String destination) {

  static MappedEvent of(ProducerRecord<byte[], byte[]> record) {
    return new MappedEvent(record, null, null, record.topic());
  }

  static MappedEvent refused(String check, String reason, String destination) {
    return new MappedEvent(null, check, reason, destination);
  }

  public boolean refused() {
    return record == null;
  }
}
