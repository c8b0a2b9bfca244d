package dev.flumekit.kafka.channel;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.kafka.client.RecordEventMapper;
import dev.flumekit.kafka.sink.KafkaWriter;
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
 * and throws otherwise so the source keeps its batch. Takes come from the channel's {@link
 * TakeSide}; the commit commits their offsets, a rollback puts them back for the next take, in
 * order.
 */
final class KafkaChannelTransaction extends BasicTransactionSemantics {
  private final String channelName;
  private final KafkaWriter writer;
  private final Supplier<TakeSide> takeSides;
  private final Supplier<RecordEventMapper> mappers;
  private final KafkaChannelCounter counter;

  private final List<Event> puts = new ArrayList<>();
  private final List<DeadLetter> undecodable = new ArrayList<>();

  /** Records taken, the undecodable ones included: their offsets commit with the transaction. */
  private final List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>();

  private TakeSide takeSide;
  private RecordEventMapper mapper;

  KafkaChannelTransaction(
      String channelName,
      KafkaWriter writer,
      Supplier<TakeSide> takeSides,
      Supplier<RecordEventMapper> mappers,
      KafkaChannelCounter counter) {
    this.channelName = channelName;
    this.writer = writer;
    this.takeSides = takeSides;
    this.mappers = mappers;
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
    if (takeSide == null) {
      takeSide = takeSides.get();
      mapper = mappers.get();
    }
    while (true) {
      ConsumerRecord<byte[], byte[]> record = takeSide.next(taken.isEmpty());
      if (record == null) {
        return null;
      }
      taken.add(record);
      RecordEventMapper.Mapped mapped = mapper.map(record);
      if (!mapped.decodeFailed()) {
        return mapped.event();
      }
      // not a Flume event: to the dead letters at commit, before its offset is committed
      undecodable.add(mapped.deadLetter(record.topic()));
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
    if (!taken.isEmpty()) {
      try {
        writer.deadLetter(undecodable);
        takeSide.commit(taken);
      } catch (EventDeliveryException | RuntimeException e) {
        throw new ChannelException(
            "Channel "
                + channelName
                + ": offsets of "
                + taken.size()
                + " taken records not committed",
            e);
      }
      counter.addToDecodeFailureCount(undecodable.size());
      counter.addToEventTakeSuccessCount(taken.size() - undecodable.size());
      undecodable.clear();
      taken.clear();
    }
  }

  @Override
  protected void doRollback() {
    if (!puts.isEmpty()) {
      counter.incrementPutRollbackCount();
      puts.clear();
    }
    if (!taken.isEmpty()) {
      counter.incrementTakeRollbackCount();
      takeSide.rollback(taken);
      undecodable.clear();
      taken.clear();
    }
  }
}
