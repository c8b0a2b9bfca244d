package dev.flumekit.kafka.channel;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.kafka.sink.KafkaWriter;
import dev.flumekit.kafka.source.RecordEventMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.channel.BasicTransactionSemantics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One transaction of the Kafka channel, on one thread. Puts are held until commit, then written at
 * once: the commit returns when Kafka acknowledged every event (or the dead-letter policy has it),
 * and throws otherwise so the source keeps its batch. Takes come from the thread's consumer; the
 * commit commits their offsets, a rollback puts them back for the next take, in order.
 */
final class KafkaChannelTransaction extends BasicTransactionSemantics {
  private final String channelName;
  private final KafkaWriter writer;
  private final Supplier<IsolatedKafkaChannel.Taking> takeSide;
  private final KafkaChannelCounter counter;

  private final List<Event> puts = new ArrayList<>();
  private final List<DeadLetter> undecodable = new ArrayList<>();
  private IsolatedKafkaChannel.Taking taking;
  private int taken;

  KafkaChannelTransaction(
      String channelName,
      KafkaWriter writer,
      Supplier<IsolatedKafkaChannel.Taking> takeSide,
      KafkaChannelCounter counter) {
    this.channelName = channelName;
    this.writer = writer;
    this.takeSide = takeSide;
    this.counter = counter;
  }

  @Override
  protected void doPut(Event event) {
    counter.incrementEventPutAttemptCount();
    puts.add(event);
  }

  @Override
  protected Event doTake() {
    counter.incrementEventTakeAttemptCount();
    if (taking == null) {
      taking = takeSide.get();
    }
    while (true) {
      ConsumerRecord<byte[], byte[]> record = taking.consumer().next();
      if (record == null) {
        return null;
      }
      RecordEventMapper.Mapped mapped = taking.mapper().map(record);
      if (!mapped.decodeFailed()) {
        taken++;
        return mapped.event();
      }
      // not a Flume event: to the dead letters at commit, before its offset is committed
      undecodable.add(
          DeadLetter.of(
              mapped.event(), mapped.decodeFailure(), "MalformedFlumeEvent", record.topic()));
    }
  }

  @Override
  protected void doCommit() throws InterruptedException {
    if (!puts.isEmpty()) {
      try {
        writer.write(puts);
      } catch (EventDeliveryException e) {
        throw new ChannelException(
            "Channel " + channelName + ": " + puts.size() + " events not written to Kafka", e);
      }
      counter.addToEventPutSuccessCount(puts.size());
      puts.clear();
    }
    if (taking != null && (taken > 0 || !undecodable.isEmpty())) {
      try {
        writer.deadLetter(undecodable);
        taking.consumer().commit();
      } catch (EventDeliveryException | RuntimeException e) {
        throw new ChannelException(
            "Channel " + channelName + ": offsets of " + taken + " taken events not committed", e);
      }
      counter.addToDecodeFailureCount(undecodable.size());
      counter.addToEventTakeSuccessCount(taken);
      undecodable.clear();
      taken = 0;
    }
  }

  @Override
  protected void doRollback() {
    if (!puts.isEmpty()) {
      counter.incrementPutRollbackCount();
      puts.clear();
    }
    if (taking != null && (taken > 0 || !undecodable.isEmpty())) {
      counter.incrementTakeRollbackCount();
      taking.consumer().rollback();
      undecodable.clear();
      taken = 0;
    }
  }
}
