package dev.flumekit.kafka.sink;

import dev.flumekit.kafka.client.ConsumerGroupLag;
import java.util.List;

/**
 * What the send path counts, whoever runs it: the Kafka sink ({@link KafkaSinkCounter}, a Flume
 * SinkCounter) or the Kafka channel's put side (a Flume ChannelCounter). The return values of the
 * connection counts are Flume's, unused here.
 */
public interface DeliveryCounter {
  long incrementConnectionCreatedCount();

  long incrementConnectionFailedCount();

  long incrementConnectionClosedCount();

  void addToDeadLetterCount(long n);

  void addToDeadLetterFallbackCount(long n);

  void addToRetryCount(long n);

  void incrementProducerResetCount();

  void addToBytesSent(long n);

  /**
   * 1 while the writer refuses to send because another running writer shares its transactional.id.
   */
  void setTransactionalIdShared(boolean shared);

  /** Records the time from a batch's first send to its last acknowledgement. */
  void recordSendLatency(long nanos);

  /** The writes now waiting for Kafka: their oldest's age is the counter's OldestWriteWaitMs. */
  WriteWaits writeWaits();

  /**
   * The lag just measured of the consumer groups reading the topics written.
   *
   * @param named whether the groups are the ones {@code lagGroups} names, rather than all groups
   *     found with offsets on the topics (a console consumer that read once among them)
   */
  void setGroupLag(List<ConsumerGroupLag.Lag> lag, boolean named);
}
