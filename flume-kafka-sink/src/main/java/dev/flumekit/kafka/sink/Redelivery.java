package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.log.LogLimiter;
import dev.flumekit.common.retry.RetryPolicy;
import dev.flumekit.common.retry.Sleeper;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
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
  private final FencingGuard fencing;
  private final LogLimiter idSharedLog = new LogLimiter(60_000);
  private final String transactionalId;

  Redelivery(
      KafkaSinkConfig config, RecordSender sender, Sleeper sleeper, DeliveryCounter counter) {
    this(config, sender, sleeper, counter, System::nanoTime);
  }

  Redelivery(
      KafkaSinkConfig config,
      RecordSender sender,
      Sleeper sleeper,
      DeliveryCounter counter,
      LongSupplier nanoClock) {
    this.sinkName = config.logName();
    this.transactionalId =
        config.get(KafkaSinkConfig.TRANSACTIONAL) ? ProducerSettings.transactionalId(config) : null;
    this.fencing = new FencingGuard(nanoClock);
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

  /**
   * Replaces the producer that {@code cause} broke, unless another running writer shares its
   * transactional.id (then replacing it would fence that writer, which would fence this one back).
   *
   * @throws EventDeliveryException naming the shared id: the batch is refused, not lost
   */
  void replaceBrokenProducer(Throwable cause) throws EventDeliveryException {
    if (cause instanceof ProducerFencedException && !fencing.fenced()) {
      throw idShared();
    }
    resetProducer(cause);
  }

  /**
   * @throws EventDeliveryException when another running writer shares the transactional.id
   */
  void refuseIfIdShared() throws EventDeliveryException {
    if (fencing.shared()) {
      throw idShared();
    }
    counter.setTransactionalIdShared(false);
  }

  private EventDeliveryException idShared() {
    String message =
        String.format(
            "%s: transactional.id %s is used by another running writer: its producer fenced this"
                + " one %d times within %d minutes. Two agents (or two components) share the id:"
                + " a copied configuration, two agents of one name on one host, or cloned hosts."
                + " This writer pauses sending for %d minutes (longer each time) rather than fence"
                + " the other back; give each running agent its own transactionalId (stable"
                + " across its restarts). Nothing is lost: its events wait in their channel or are"
                + " read again.",
            sinkName,
            transactionalId,
            FencingGuard.LIMIT,
            FencingGuard.WINDOW_NANOS / 60_000_000_000L,
            fencing.pauseMinutes());
    if (idSharedLog.admit("shared") >= 0) {
      LOG.error(message);
    }
    counter.setTransactionalIdShared(true);
    return new EventDeliveryException(message);
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
