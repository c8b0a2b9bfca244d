package dev.flumekit.kafka.client;

import dev.flumekit.common.log.Reasons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether a Kafka cluster answers a client configured as a component's producer or consumer
 * (security included) and holds the topics the component names: what {@code check --connect} asks
 * of the Kafka sink, source and channel.
 */
public final class KafkaReach {
  private static final String SILENT = " does not answer within ";

  private KafkaReach() {}

  /** Whether a problem says the cluster did not answer at all (no use asking again). */
  public static boolean isClusterSilent(String problem) {
    return problem.startsWith("Kafka at ") && problem.contains(SILENT);
  }

  /**
   * @param client the producer's or consumer's properties
   * @param topics the topics the component writes or reads
   */
  public static List<String> unreachable(
      Map<String, Object> client, Collection<String> topics, Duration timeout) {
    return ask(
        client,
        timeout,
        (admin, cluster, ms, problems) -> {
          if (topics.isEmpty()) {
            return;
          }
          Map<String, KafkaFuture<TopicDescription>> described =
              admin
                  .describeTopics(
                      new TreeSet<>(topics), new DescribeTopicsOptions().timeoutMs((int) ms))
                  .topicNameValues();
          for (Map.Entry<String, KafkaFuture<TopicDescription>> t : described.entrySet()) {
            try {
              t.getValue().get(ms, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
              problems.add(
                  e.getCause() instanceof UnknownTopicOrPartitionException
                      ? "topic '" + t.getKey() + "' does not exist on " + cluster
                      : "topic '" + t.getKey() + "' on " + cluster + ": " + Reasons.chain(e));
            } catch (TimeoutException e) {
              problems.add("topic '" + t.getKey() + "' on " + cluster + ": no answer in time");
            }
          }
        });
  }

  /**
   * As {@link #unreachable(Map, Collection, Duration)}, and each topic keeps a record long enough
   * that what a writer sends cannot be deleted before it is read: with record times set from events
   * (timestampHeader, up to maxRecordTimeAgeMs old), a topic whose retention.ms is not at least
   * twice that could delete a backlog minutes after it is written.
   *
   * @param producer the writer's producer properties
   * @param topics the topics it writes
   * @param timestampHeader the header its record times come from, or null for none
   * @param maxAge the oldest record time it sends (maxRecordTimeAgeMs)
   */
  public static List<String> unreachable(
      Map<String, Object> producer,
      Collection<String> topics,
      String timestampHeader,
      long maxAge,
      Duration timeout) {
    List<String> problems = new ArrayList<>(unreachable(producer, topics, timeout));
    if (!problems.isEmpty() || timestampHeader == null) {
      return problems;
    }
    problems.addAll(
        ask(
            producer,
            timeout,
            (admin, cluster, ms, found) -> {
              List<ConfigResource> resources = new ArrayList<>();
              for (String topic : new TreeSet<>(topics)) {
                resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
              }
              Map<ConfigResource, Config> configs;
              try {
                configs =
                    admin
                        .describeConfigs(
                            resources, new DescribeConfigsOptions().timeoutMs((int) ms))
                        .all()
                        .get(ms, TimeUnit.MILLISECONDS);
              } catch (ExecutionException | TimeoutException e) {
                return; // the topics were described: their settings are not ours to demand
              }
              for (Map.Entry<ConfigResource, Config> c : configs.entrySet()) {
                String type = value(c.getValue(), "message.timestamp.type");
                String retention = value(c.getValue(), "retention.ms");
                if (!"CreateTime".equals(type) || retention == null) {
                  continue; // LogAppendTime: the broker stamps arrival, retention counts from it
                }
                long retentionMs = Long.parseLong(retention);
                if (retentionMs >= 0 && retentionMs < 2 * maxAge) {
                  found.add(
                      "topic '"
                          + c.getKey().name()
                          + "' on "
                          + cluster
                          + " deletes records retention.ms = "
                          + retentionMs
                          + " after their record time, which this writer takes from "
                          + timestampHeader
                          + " for events up to maxRecordTimeAgeMs = "
                          + maxAge
                          + " old: a backlog could be deleted before it is read. Raise the"
                          + " topic's retention.ms, lower maxRecordTimeAgeMs, or set the topic's"
                          + " message.timestamp.type = LogAppendTime");
                }
              }
            }));
    return problems;
  }

  private static String value(Config config, String name) {
    ConfigEntry entry = config.get(name);
    return entry == null ? null : entry.value();
  }

  /** The cluster answers and at least one of its topics matches {@code pattern}. */
  public static List<String> unreachable(
      Map<String, Object> client, Pattern pattern, Duration timeout) {
    return ask(
        client,
        timeout,
        (admin, cluster, ms, problems) -> {
          try {
            Set<String> names =
                admin
                    .listTopics(new ListTopicsOptions().timeoutMs((int) ms))
                    .names()
                    .get(ms, TimeUnit.MILLISECONDS);
            if (names.stream().noneMatch(n -> pattern.matcher(n).matches())) {
              problems.add("no topic on " + cluster + " matches '" + pattern + "'");
            }
          } catch (ExecutionException | TimeoutException | RuntimeException e) {
            problems.add(cluster + ": listing topics failed: " + Reasons.chain(e));
          }
        });
  }

  /** A question to a cluster that answered, adding what it finds wrong to {@code problems}. */
  @FunctionalInterface
  private interface Question {
    void ask(Admin admin, String cluster, long timeoutMs, List<String> problems)
        throws InterruptedException;
  }

  /**
   * Asks the cluster first whether it answers at all, then {@code question}, over one Admin client
   * configured as the component's client.
   */
  private static List<String> ask(Map<String, Object> client, Duration timeout, Question question) {
    List<String> problems = new ArrayList<>();
    String cluster = "Kafka at " + client.get("bootstrap.servers");
    long ms = timeout.toMillis();
    Admin admin = Admin.create(AdminProperties.from(client, "-check"));
    try {
      try {
        admin
            .describeCluster(new DescribeClusterOptions().timeoutMs((int) ms))
            .nodes()
            .get(ms, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        boolean timedOut =
            e instanceof TimeoutException
                || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
        problems.add(
            cluster
                + SILENT
                + timeout.toSeconds()
                + " s: "
                + (timedOut
                    ? "no broker answered (does it run? are bootstrap.servers and the security"
                        + " settings right?)"
                    : Reasons.chain(e)));
        return problems;
      }
      question.ask(admin, cluster, ms, problems);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add(cluster + ": interrupted");
    } catch (RuntimeException e) {
      problems.add(cluster + ": " + Reasons.chain(e));
    } finally {
      // calls still out would hold close() for default.api.timeout.ms
      admin.close(Duration.ofSeconds(1));
    }
    return problems;
  }
}
