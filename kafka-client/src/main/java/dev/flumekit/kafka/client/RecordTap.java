package dev.flumekit.kafka.client;

import dev.flumekit.common.log.Reasons;
import dev.flumekit.common.tooling.EventTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what a Kafka component's topics receive from now on, as {@code bin/flumekit-agent tap}
 * shows it: a consumer configured as the component's client (connection and security) but in no
 * group, assigned every partition and placed at its end, committing nothing, so that the agent's
 * consumers and their offsets are untouched. Each record becomes the event the agent sees through
 * the component's {@link RecordEventMapper}.
 */
public final class RecordTap {
  private final Map<String, Object> consumer;
  private final RecordEventMapper mapper;

  /**
   * @param client the component's producer or consumer properties
   * @param mapper how the component turns a record into an event
   */
  public RecordTap(Map<String, Object> client, RecordEventMapper mapper) {
    this.consumer = consumerProperties(client);
    this.mapper = mapper;
  }

  /**
   * The client's connection and security settings, as a consumer in no group that commits nothing.
   */
  static Map<String, Object> consumerProperties(Map<String, Object> client) {
    Map<String, Object> p = new HashMap<>(AdminProperties.from(client, "-tap"));
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    // what a reader of the agent's records sees: a transactional writer's aborted sends are not
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }

  /** What {@link EventTap#tap} does for fixed topics. */
  public int tap(
      Collection<String> topics, int count, Duration timeout, Consumer<EventTap.Tapped> out) {
    return tap(topics, null, count, timeout, out);
  }

  /** What {@link EventTap#tap} does for the topics matching {@code pattern} now. */
  public int tap(Pattern pattern, int count, Duration timeout, Consumer<EventTap.Tapped> out) {
    return tap(List.of(), pattern, count, timeout, out);
  }

  private int tap(
      Collection<String> topics,
      Pattern pattern,
      int count,
      Duration timeout,
      Consumer<EventTap.Tapped> out) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String cluster = "Kafka at " + consumer.get("bootstrap.servers");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      try {
        for (String topic : pattern == null ? topics : matching(c, pattern, timeout)) {
          List<PartitionInfo> infos = c.partitionsFor(topic, timeout);
          if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic '" + topic + "' does not exist on " + cluster);
          }
          infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        if (partitions.isEmpty()) {
          throw new IllegalStateException("no topic on " + cluster + " matches '" + pattern + "'");
        }
        c.assign(partitions);
        c.seekToEnd(partitions);
        // the end is looked up now, not at the first poll: what is written from here on is shown
        partitions.forEach(p -> c.position(p, timeout));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        throw new IllegalStateException(
            cluster
                + " does not answer within "
                + timeout.toSeconds()
                + " s (does it run? are bootstrap.servers and the security settings right?)");
      } catch (org.apache.kafka.common.KafkaException e) {
        throw new IllegalStateException(cluster + ": " + Reasons.chain(e));
      }
      int handed = 0;
      while (handed < count && System.nanoTime() < deadline) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(Math.min(left, 200)))) {
          if (handed == count) {
            break;
          }
          RecordEventMapper.Mapped m = mapper.map(r);
          out.accept(
              new EventTap.Tapped(
                  r.topic(),
                  r.partition(),
                  r.offset(),
                  m.event().getHeaders(),
                  m.event().getBody(),
                  m.decodeFailure()));
          handed++;
        }
      }
      return handed;
    }
  }

  private static List<String> matching(
      KafkaConsumer<byte[], byte[]> c, Pattern pattern, Duration timeout) {
    return c.listTopics(timeout).keySet().stream()
        .filter(t -> pattern.matcher(t).matches())
        .sorted()
        .toList();
  }
}
