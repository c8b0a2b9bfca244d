package dev.flumekit.kafka.sink;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends records to Kafka and reports each one's outcome. The only I/O the delivery logic does. */
interface RecordSender extends AutoCloseable {

  /** Records handed to the producer whose outcomes are not all known yet. */
  interface Pending {
    /**
     * Waits until every record is acknowledged or failed.
     *
     * @return per record, null if acknowledged, else the error
     */
    Throwable[] await() throws InterruptedException;
  }

  /**
   * Hands every record to the producer without waiting; they go out as the producer's batches fill
   * or linger expires.
   */
  Pending send(List<ProducerRecord<byte[], byte[]>> records) throws InterruptedException;

  /**
   * Sends every record, flushes, and waits until each is acknowledged or failed.
   *
   * @return per record, null if acknowledged, else the error
   */
  default Throwable[] sendAll(List<ProducerRecord<byte[], byte[]>> records)
      throws InterruptedException {
    Pending pending = send(records);
    if (!records.isEmpty()) {
      flush();
    }
    return pending.await();
  }

  /** Sends everything handed over so far at once instead of waiting for linger.ms. */
  void flush() throws InterruptedException;

  void beginTransaction();

  void commitTransaction();

  void abortTransaction();

  /**
   * Discards the producer this thread last sent with, if it is still the current one; the next call
   * uses a new producer. Several threads seeing the same broken producer replace it once.
   */
  void reset();

  @Override
  void close();
}
