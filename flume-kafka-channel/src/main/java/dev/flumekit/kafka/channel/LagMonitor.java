package dev.flumekit.kafka.channel;

import dev.flumekit.kafka.client.AdminProperties;
import dev.flumekit.kafka.client.ConsumerGroupLag;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the channel's size: per partition of the take topics, the end offset minus the group's
 * committed offset (the earliest offset where the group has committed none), every few seconds on
 * its own thread, with an admin client, so takes never wait for it. Its sum is ChannelSize; the
 * whole group's lag, not only this agent's partitions, since the channel is the topic. The same
 * measurement as the writers' group lag ({@link ConsumerGroupLag}), and reported with it.
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
  private final ConsumerGroupLag lag;
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
    this.lag = new ConsumerGroupLag(admin, TIMEOUT_MS);
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
      List<ConsumerGroupLag.Lag> measured =
          lag.measure(List.of(groupId), topics, ConsumerGroupLag.Uncommitted.BEHIND);
      Map<String, Long> byPartition = new HashMap<>();
      for (ConsumerGroupLag.Lag l : measured) {
        byPartition.put(l.partition().toString(), l.records());
      }
      counter.setPartitionLag(byPartition);
      counter.setTakeGroupLag(measured);
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
