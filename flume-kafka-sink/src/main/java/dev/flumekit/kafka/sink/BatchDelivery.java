package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.deadletter.DeadLetterHandler;
import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one channel batch: every event ends acknowledged by Kafka or a dead letter, and only
 * then may the channel transaction commit. A record that failed with a retriable error is re-sent
 * on its own, never together with the records already acknowledged.
 *
 * <p>In transactional mode the batch is one Kafka transaction: a failed try is aborted (nothing of
 * it is visible to read_committed consumers) and the batch is re-sent without the records that
 * became dead letters.
 */
final class BatchDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

  /**
   * What became of a batch.
   *
   * @param delivered records acknowledged by Kafka
   * @param deadLetters events handed to the dead-letter policy
   */
  record Result(int delivered, int deadLetters) {}

  private final String sinkName;
  private final EventRecordMapper mapper;
  private final RecordSender sender;
  private final DeadLetterPolicy policy;
  private final DeadLetterHandler deadLetters;
  private final int maxRetries;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final boolean transactional;
  private final KafkaSinkCounter counter;

  BatchDelivery(
      KafkaSinkConfig config,
      EventRecordMapper mapper,
      RecordSender sender,
      DeadLetterHandler deadLetters,
      Sleeper sleeper,
      KafkaSinkCounter counter) {
    this.sinkName = config.sinkName();
    this.mapper = mapper;
    this.sender = sender;
    this.policy = config.deadLetter();
    this.deadLetters = deadLetters;
    this.maxRetries = config.maxRetries();
    this.backoff = new Backoff(config.retryBackoffMs(), config.retryBackoffMaxMs());
    this.sleeper = sleeper;
    this.transactional = config.transactional();
    this.counter = counter;
  }

  /**
   * A batch split into the records to send, their events (same order), and the events refused
   * before sending.
   */
  private record Mapped(
      List<DeadLetter> dead, List<Event> events, List<ProducerRecord<byte[], byte[]>> records) {}

  /** A batch whose records are handed to the producer, outcomes not yet known. */
  static final class Started {
    private final Mapped batch;
    private final RecordSender.Pending pending;
    private final long startedNanos = System.nanoTime();

    private Started(Mapped batch, RecordSender.Pending pending) {
      this.batch = batch;
      this.pending = pending;
    }
  }

  /**
   * Delivers the events, retrying as configured.
   *
   * @throws EventDeliveryException if the policy is {@code fail} and an event is a dead letter, so
   *     the caller must roll back
   * @throws InterruptedException if the sink is stopping; the caller must roll back
   */
  Result deliver(List<Event> events) throws EventDeliveryException, InterruptedException {
    if (transactional) {
      Mapped batch = map(events);
      int delivered = sendTransactionally(batch.events(), batch.records(), batch.dead());
      return new Result(delivered, batch.dead().size());
    }
    return finish(start(events), true);
  }

  /**
   * Maps the events and hands their records to the producer without waiting, so that the next batch
   * can be started while this one is acknowledged. Records are handed over in the order of the
   * events; callers start batches in channel order. Not for transactional mode.
   */
  Started start(List<Event> events) throws InterruptedException {
    Mapped batch = map(events);
    return new Started(batch, sender.send(batch.records()));
  }

  /**
   * Waits for a started batch, re-sends what failed retriably, and hands out dead letters.
   *
   * @param flush send the producer's buffered records now instead of when a producer batch is full
   *     or linger.ms has passed: right when the channel has run dry, wasteful while later batches
   *     keep the producer's batches filling
   */
  Result finish(Started batch, boolean flush) throws EventDeliveryException, InterruptedException {
    if (flush) {
      sender.flush();
    }
    Throwable[] outcomes = batch.pending.await();
    counter.recordSendLatency((System.nanoTime() - batch.startedNanos) / 1_000_000);
    Mapped mapped = batch.batch;
    int delivered = resendFailed(mapped.events(), mapped.records(), outcomes, mapped.dead());
    handleDeadLetters(mapped.dead());
    return new Result(delivered, mapped.dead().size());
  }

  private Mapped map(List<Event> events) {
    List<DeadLetter> dead = new ArrayList<>();
    List<Event> mappedEvents = new ArrayList<>(events.size());
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(events.size());
    for (Event event : events) {
      MappedEvent mapped = mapper.map(event);
      if (mapped.refused()) {
        dead.add(letter(event, mapped.refusal(), mapped.refusalCheck(), mapped.destination()));
      } else {
        mappedEvents.add(event);
        records.add(mapped.record());
      }
    }
    return new Mapped(dead, mappedEvents, records);
  }

  private int resendFailed(
      List<Event> events,
      List<ProducerRecord<byte[], byte[]>> records,
      Throwable[] outcomes,
      List<DeadLetter> dead)
      throws InterruptedException {
    int delivered = 0;
    for (int retry = 1; ; retry++) {
      List<Event> againEvents = new ArrayList<>();
      List<ProducerRecord<byte[], byte[]>> again = new ArrayList<>();
      Throwable last = null;
      boolean broken = false;
      for (int i = 0; i < outcomes.length; i++) {
        Throwable error = outcomes[i];
        if (error == null) {
          delivered++;
          counter.addToBytesSent(size(records.get(i)));
          continue;
        }
        last = error;
        FailureKind kind = FailureKind.of(error);
        if (kind == FailureKind.RECORD_REJECTED) {
          dead.add(letter(events.get(i), error, records.get(i).topic()));
        } else {
          broken |= kind == FailureKind.PRODUCER_BROKEN;
          againEvents.add(events.get(i));
          again.add(records.get(i));
        }
      }
      if (broken) {
        resetProducer(last);
      }
      if (again.isEmpty() || gaveUp(retry, againEvents, again, last, dead)) {
        return delivered;
      }
      events = againEvents;
      records = again;
      outcomes = sender.sendAll(records);
    }
  }

  private int sendTransactionally(
      List<Event> events, List<ProducerRecord<byte[], byte[]>> records, List<DeadLetter> dead)
      throws InterruptedException, EventDeliveryException {
    events = new ArrayList<>(events);
    records = new ArrayList<>(records);
    // A record the cluster refuses fails the whole transaction, and the producer then reports the
    // same error for every record of it; sending one record at a time shows which one it was.
    boolean oneByOne = false;
    for (int retry = 1; ; ) {
      long started = System.nanoTime();
      Throwable failure = null;
      int failed = -1;
      try {
        sender.beginTransaction();
        if (oneByOne) {
          for (int i = 0; i < records.size() && failure == null; i++) {
            failure = sender.sendAll(List.of(records.get(i)))[0];
            failed = failure == null ? -1 : i;
          }
        } else {
          Throwable[] outcomes = sender.sendAll(records);
          for (int i = 0; i < outcomes.length && failure == null; i++) {
            failure = outcomes[i];
            failed = failure == null ? -1 : i;
          }
        }
        if (failure == null) {
          handleDeadLetters(dead);
          sender.commitTransaction();
          counter.recordSendLatency((System.nanoTime() - started) / 1_000_000);
          for (ProducerRecord<byte[], byte[]> r : records) {
            counter.addToBytesSent(size(r));
          }
          return records.size();
        }
      } catch (InterruptedException | EventDeliveryException e) {
        abortQuietly();
        throw e;
      } catch (RuntimeException e) {
        failure = e;
        failed = -1;
      }
      abortQuietly();
      FailureKind kind = FailureKind.of(failure);
      if (kind == FailureKind.RECORD_REJECTED && failed >= 0) {
        if (oneByOne || records.size() == 1) {
          dead.add(letter(events.remove(failed), failure, records.remove(failed).topic()));
          oneByOne = false;
        } else {
          oneByOne = true;
        }
        continue;
      }
      oneByOne = false;
      if (kind == FailureKind.PRODUCER_BROKEN) {
        resetProducer(failure);
      }
      if (gaveUp(retry++, events, records, failure, dead)) {
        events.clear();
        records.clear();
      }
    }
  }

  /**
   * Counts and waits before a re-send, or moves the records to the dead letters once the retries
   * are used up.
   *
   * @return true if the records were given up on
   */
  private boolean gaveUp(
      int retry,
      List<Event> events,
      List<ProducerRecord<byte[], byte[]>> records,
      Throwable last,
      List<DeadLetter> dead)
      throws InterruptedException {
    if (maxRetries >= 0 && retry > maxRetries) {
      for (int i = 0; i < records.size(); i++) {
        dead.add(
            new DeadLetter(
                events.get(i).getBody(),
                events.get(i).getHeaders(),
                "gave up after " + maxRetries + " retries: " + last.getMessage(),
                last.getClass().getName(),
                records.get(i).topic()));
      }
      return true;
    }
    counter.addToRetryCount(records.size());
    long delay = backoff.delayMs(retry);
    LOG.warn(
        "Sink {}: {} records not acknowledged ({}); re-sending them in {} ms (retry {})",
        sinkName,
        records.size(),
        last.toString(),
        delay,
        retry);
    sleeper.sleep(delay);
    return false;
  }

  private void handleDeadLetters(List<DeadLetter> dead) throws EventDeliveryException {
    if (dead.isEmpty()) {
      return;
    }
    if (policy.kind() == DeadLetterPolicy.Kind.FAIL) {
      DeadLetter first = dead.get(0);
      throw new EventDeliveryException(
          "Sink "
              + sinkName
              + ": "
              + dead.size()
              + " events cannot be written and deadLetter=fail; first: "
              + first.reason()
              + " ("
              + first.errorClass()
              + ")");
    }
    try {
      deadLetters.write(dead);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventDeliveryException("interrupted while writing dead letters", e);
    } catch (Exception e) {
      throw new EventDeliveryException(
          "Sink " + sinkName + ": cannot write dead letters to " + deadLetters.describe(), e);
    }
    counter.addToDeadLetterCount(dead.size());
    LOG.warn(
        "Sink {}: {} events went to {}; first: {} ({})",
        sinkName,
        dead.size(),
        deadLetters.describe(),
        dead.get(0).reason(),
        dead.get(0).errorClass());
  }

  private void resetProducer(Throwable cause) {
    LOG.warn("Sink {}: replacing the Kafka producer after {}", sinkName, cause.toString());
    counter.incrementProducerResetCount();
    sender.reset();
  }

  private void abortQuietly() {
    try {
      sender.abortTransaction();
    } catch (RuntimeException e) {
      LOG.warn("Sink {}: abort failed ({}); replacing the producer", sinkName, e.toString());
      counter.incrementProducerResetCount();
      sender.reset();
    }
  }

  private static DeadLetter letter(Event event, Throwable error, String topic) {
    return new DeadLetter(
        event.getBody(),
        event.getHeaders(),
        String.valueOf(error.getMessage()),
        error.getClass().getName(),
        topic);
  }

  private static DeadLetter letter(Event event, String reason, String check, String topic) {
    return new DeadLetter(event.getBody(), event.getHeaders(), reason, check, topic);
  }

  private static long size(ProducerRecord<byte[], byte[]> r) {
    return (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
  }
}
