package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.retry.RetryPolicy;
import dev.flumekit.common.retry.Sleeper;
import java.util.List;
import org.apache.flume.Event;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both deliveries do between tries: wait and count before a re-send, or give the records up
 * once the retries are used; replace a producer that cannot go on.
 */
final class Redelivery {
  private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);

  private final String sinkName;
  private final RecordSender sender;
  private final RetryPolicy retries;
  private final Sleeper sleeper;
  private final DeliveryCounter counter;

  Redelivery(
      KafkaSinkConfig config, RecordSender sender, Sleeper sleeper, DeliveryCounter counter) {
    this.sinkName = config.logName();
    this.sender = sender;
    this.retries = config.retries();
    this.sleeper = sleeper;
    this.counter = counter;
  }

  /**
   * Counts and waits before re-send number {@code retry}, or moves the records to {@code dead} once
   * the retries are used up.
   *
   * @return true if the records were given up on
   */
  boolean gaveUp(
      int retry,
      List<Event> events,
      List<ProducerRecord<byte[], byte[]>> records,
      Throwable last,
      List<DeadLetter> dead)
      throws InterruptedException {
    if (retries.exhausted(retry)) {
      for (int i = 0; i < records.size(); i++) {
        dead.add(
            DeadLetter.of(
                events.get(i),
                "gave up after " + retries.maxRetries() + " retries: " + last.getMessage(),
                last.getClass().getName(),
                records.get(i).topic()));
      }
      return true;
    }
    counter.addToRetryCount(records.size());
    long delay = retries.backoff().delayMs(retry);
    LOG.warn(
        "{}: {} records not acknowledged ({}); re-sending them in {} ms (retry {})",
        sinkName,
        records.size(),
        last.toString(),
        delay,
        retry);
    sleeper.sleep(delay);
    return false;
  }

  void resetProducer(Throwable cause) {
    LOG.warn("{}: replacing the Kafka producer after {}", sinkName, cause.toString());
    counter.incrementProducerResetCount();
    sender.reset();
  }

  /** Aborts the open transaction; a producer that cannot abort is replaced. */
  void abortQuietly() {
    try {
      sender.abortTransaction();
    } catch (RuntimeException e) {
      LOG.warn("{}: abort failed ({}); replacing the producer", sinkName, e.toString());
      counter.incrementProducerResetCount();
      sender.reset();
    }
  }
}
