package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.deadletter.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * At-least-once delivery: a batch's records go out without a transaction, and a record that failed
 * with a retriable error is re-sent on its own, never together with the records already
 * acknowledged. Batches can be pipelined: {@link #start} hands a batch to the producer and {@link
 * #finish} waits for it, so the next batch is taken and sent while this one is acknowledged.
 */
final class AtLeastOnceDelivery extends BatchDelivery {
  AtLeastOnceDelivery(
      EventRecordMapper mapper,
      TopicDirectory topics,
      String fallbackTopic,
      RecordSender sender,
      DeadLetters deadLetters,
      Redelivery redelivery,
      DeliveryCounter counter) {
    super(mapper, topics, fallbackTopic, sender, deadLetters, redelivery, counter);
  }

  /** A batch whose records are handed to the producer, outcomes not yet known. */
  static final class Started {
    private final MappedBatch batch;
    private final RecordSender.Pending pending;
    private final long startedNanos = System.nanoTime();

    private Started(MappedBatch batch, RecordSender.Pending pending) {
      this.batch = batch;
      this.pending = pending;
    }
  }

  @Override
  Result deliver(List<Event> events) throws EventDeliveryException, InterruptedException {
    return finish(start(events), true);
  }

  /**
   * Maps the events and hands their records to the producer without waiting. Records are handed
   * over in the order of the events; callers start batches in channel order.
   */
  Started start(List<Event> events) throws InterruptedException {
    MappedBatch batch = map(events);
    return new Started(batch, sender.send(batch.records()));
  }

  /**
   * Waits for a started batch, re-sends what failed retriably, and hands out dead letters.
   *
   * @param flush send the producer's buffered records now instead of when a producer batch is full
   *     or linger.ms has passed: right when the channel has run dry, wasteful while later batches
   *     keep the producer's batches filling
   */
  Result finish(Started started, boolean flush)
      throws EventDeliveryException, InterruptedException {
    if (flush) {
      sender.flush();
    }
    Throwable[] outcomes = started.pending.await();
    counter.recordSendLatency(System.nanoTime() - started.startedNanos);
    MappedBatch batch = started.batch;
    int delivered = resendFailed(batch.events(), batch.records(), outcomes, batch.dead());
    deadLetters.handOver(batch.dead());
    return new Result(delivered, batch.dead().size());
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
      long bytes = 0;
      for (int i = 0; i < outcomes.length; i++) {
        Throwable error = outcomes[i];
        if (error == null) {
          delivered++;
          bytes += MappedBatch.size(records.get(i));
          continue;
        }
        last = error;
        FailureKind kind = FailureKind.of(error);
        if (kind == FailureKind.RECORD_REJECTED) {
          dead.add(MappedBatch.letter(events.get(i), error, records.get(i).topic()));
        } else {
          broken |= kind == FailureKind.PRODUCER_BROKEN;
          againEvents.add(events.get(i));
          again.add(records.get(i));
        }
      }
      // once per attempt: a counter update per record cost ~5% of a sink agent's CPU (JFR)
      counter.addToBytesSent(bytes);
      if (broken) {
        redelivery.resetProducer(last);
      }
      if (again.isEmpty() || redelivery.gaveUp(retry, againEvents, again, last, dead)) {
        return delivered;
      }
      events = againEvents;
      records = again;
      outcomes = sender.sendAll(records);
    }
  }
}
