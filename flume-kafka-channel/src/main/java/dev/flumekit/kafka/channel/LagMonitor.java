package dev.flumekit.kafka.channel;

import dev.flumekit.kafka.sink.AdminProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the channel's size: per partition of the take topics, the end offset minus the group's
 * committed offset (the earliest offset where the group has committed none), every few seconds on
 * its own thread, with an admin client, so takes never wait for it. Its sum is ChannelSize; the
 * whole group's lag, not only this agent's partitions, since the channel is the topic.
 */
final class LagMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
  private static final long PERIOD_MS = 5_000;
  private static final long TIMEOUT_MS = 4_000;

  private final String channelName;
  private final String groupId;
  private final Collection<String> topics;
  private final KafkaChannelCounter counter;
  private final Admin admin;
  private final ScheduledExecutorService timer;

  LagMonitor(
      String channelName,
      Map<String, Object> consumerProperties,
      Collection<String> topics,
      KafkaChannelCounter counter) {
    this.channelName = channelName;
    this.groupId = String.valueOf(consumerProperties.get("group.id"));
    this.topics = topics;
    this.counter = counter;
    this.admin = Admin.create(AdminProperties.from(consumerProperties, "-lag"));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "flumekit-" + channelName + "-lag");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::measure, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private void measure() {
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicDescription topic :
          admin
              .describeTopics(topics)
              .allTopicNames()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .values()) {
        for (TopicPartitionInfo p : topic.partitions()) {
          latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      for (TopicPartition p : latest.keySet()) {
        if (committed.get(p) == null) {
          earliest.put(p, OffsetSpec.earliest());
        }
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
          earliest.isEmpty()
              ? Map.of()
              : admin.listOffsets(earliest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<String, Long> lag = new HashMap<>();
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
          ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        long from = done != null ? done.offset() : starts.get(end.getKey()).offset();
        lag.put(end.getKey().toString(), Math.max(0, end.getValue().offset() - from));
      }
      counter.setPartitionLag(lag);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // brokers away: the last measurement stands until the next one succeeds
      LOG.debug("Channel {}: lag not measured: {}", channelName, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
