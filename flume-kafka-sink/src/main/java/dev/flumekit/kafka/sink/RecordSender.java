package dev.flumekit.kafka.sink;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends records to Kafka and reports each one's outcome. The only I/O the delivery logic does. */
interface RecordSender extends AutoCloseable {
  /**
   * Sends every record, asynchronously, then waits until each is acknowledged or failed.
   *
   * @return per record, null if acknowledged, else the error
   */
  Throwable[] sendAll(List<ProducerRecord<byte[], byte[]>> records) throws InterruptedException;

  void beginTransaction();

  void commitTransaction();

  void abortTransaction();

  /** Discards the current producer; the next call uses a new one. */
  void reset();

  @Override
  void close();
}
