package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetters;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Exactly-once delivery: a batch is one Kafka transaction, committed just before the channel
 * transaction. A failed try is aborted (nothing of it is visible to read_committed consumers) and
 * the batch is re-sent without the records that became dead letters.
 */
final class TransactionalDelivery extends BatchDelivery {
  TransactionalDelivery(
      EventRecordMapper mapper,
      TopicDirectory topics,
      String fallbackTopic,
      RecordSender sender,
      DeadLetters deadLetters,
      Redelivery redelivery,
      DeliveryCounter counter) {
    super(mapper, topics, fallbackTopic, sender, deadLetters, redelivery, counter);
  }

  /** One try's failure: the error, and the index of the record it belongs to (-1: the batch's). */
  private record Failure(Throwable error, int record) {}

  /**
   * Synchronized: a producer has one transaction open at a time, and the Kafka channel's put
   * commits come from as many threads as there are sources.
   */
  @Override
  synchronized Result deliver(List<Event> events)
      throws EventDeliveryException, InterruptedException {
    redelivery.refuseIfIdShared();
    MappedBatch batch = map(events);
    List<Event> pending = batch.events();
    List<ProducerRecord<byte[], byte[]>> records = batch.records();
    // A record the cluster refuses fails the whole transaction, and the producer then reports the
    // same error for every record of it; sending one record at a time shows which one it was.
    boolean oneByOne = false;
    for (int retry = 1; ; ) {
      long started = System.nanoTime();
      Failure failure;
      try {
        sender.beginTransaction();
        failure = oneByOne ? sendOneByOne(records) : sendAtOnce(records);
        if (failure == null) {
          deadLetters.handOver(batch.dead());
          sender.commitTransaction();
          counter.recordSendLatency(System.nanoTime() - started);
          long bytes = 0;
          for (ProducerRecord<byte[], byte[]> r : records) {
            bytes += MappedBatch.size(r);
          }
          // once per batch: a counter update per record cost ~5% of a sink agent's CPU (JFR)
          counter.addToBytesSent(bytes);
          return new Result(records.size(), batch.dead().size());
        }
      } catch (InterruptedException | EventDeliveryException e) {
        redelivery.abortQuietly();
        throw e;
      } catch (RuntimeException e) {
        failure = new Failure(e, -1);
      }
      redelivery.abortQuietly();
      FailureKind kind = FailureKind.of(failure.error());
      if (kind == FailureKind.RECORD_REJECTED && failure.record() >= 0) {
        if (oneByOne || records.size() == 1) {
          int i = failure.record();
          batch
              .dead()
              .add(
                  MappedBatch.letter(
                      pending.remove(i), failure.error(), records.remove(i).topic()));
          oneByOne = false;
        } else {
          oneByOne = true;
        }
        continue;
      }
      oneByOne = false;
      if (kind == FailureKind.PRODUCER_BROKEN) {
        redelivery.replaceBrokenProducer(failure.error());
      }
      if (redelivery.gaveUp(retry++, pending, records, failure.error(), batch.dead())) {
        pending.clear();
        records.clear();
      }
    }
  }

  private Failure sendAtOnce(List<ProducerRecord<byte[], byte[]>> records)
      throws InterruptedException {
    Throwable[] outcomes = sender.sendAll(records);
    // A record the cluster refused fails its transaction, and the records of other partitions
    // then fail with a consequence of it (the transaction is to be aborted): name the cause.
    Failure first = null;
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] != null) {
        FailureKind kind = FailureKind.of(outcomes[i]);
        if (kind == FailureKind.RECORD_REJECTED) {
          return new Failure(outcomes[i], i);
        }
        if (first == null || kind == FailureKind.PRODUCER_BROKEN) {
          first = new Failure(outcomes[i], i);
        }
      }
    }
    return first;
  }

  private Failure sendOneByOne(List<ProducerRecord<byte[], byte[]>> records)
      throws InterruptedException {
    for (int i = 0; i < records.size(); i++) {
      Throwable error = sender.sendAll(List.of(records.get(i)))[0];
      if (error != null) {
        return new Failure(error, i);
      }
    }
    return null;
  }
}
