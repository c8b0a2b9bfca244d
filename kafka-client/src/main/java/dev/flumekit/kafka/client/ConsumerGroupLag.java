package dev.flumekit.kafka.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * How far consumer groups are behind on topics, measured from outside the consumers with an admin
 * client: per partition, the end offset minus the group's committed offset. The Kafka channel's
 * take side measures its own group with it (its channel size) and every writer (the Kafka sink, the
 * channel's put side) the groups reading the topics it writes, so that a consumer that is stopped
 * or hung still has its lag reported, by the agents that write what it should read.
 */
public final class ConsumerGroupLag {
  /** One group's lag on one partition. */
  public record Lag(String group, TopicPartition partition, long records) {}

  /** The groups found reading the topics, and how many more were left out by the cap. */
  public record Groups(List<String> names, int leftOut) {}

  private final Admin admin;
  private final long timeoutMs;

  public ConsumerGroupLag(Admin admin, long timeoutMs) {
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  /** What a partition where a group committed no offset yet stands for. */
  public enum Uncommitted {
    /** All of it is behind: the group reads every topic given (a channel's take side). */
    BEHIND,
    /**
     * All of it is behind if the group committed on another partition of its topic (it reads the
     * topic); a topic the group committed nothing on is one it does not read, and is left out (a
     * group named by lagGroups reads some of the topics a collector writes, not all).
     */
    BEHIND_IN_TOPICS_READ,
    /** Left out: a group found by its offsets reads only what it committed on. */
    LEFT_OUT
  }

  /** The lag of each group on each partition of the topics. */
  public List<Lag> measure(
      Collection<String> groups, Collection<String> topics, Uncommitted uncommitted)
      throws InterruptedException, ExecutionException, TimeoutException {
    boolean uncommittedFromStart = uncommitted != Uncommitted.LEFT_OUT;
    List<Lag> lags = new ArrayList<>();
    if (groups.isEmpty() || topics.isEmpty()) {
      return lags;
    }
    List<TopicPartition> partitions = partitions(topics);
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committed(groups, partitions);
    Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, Long> starts = Map.of();
    if (uncommittedFromStart) {
      List<TopicPartition> notCommitted = new ArrayList<>();
      for (TopicPartition p : partitions) {
        if (committed.values().stream().anyMatch(c -> c.get(p) == null)) {
          notCommitted.add(p);
        }
      }
      starts = offsets(notCommitted, OffsetSpec.earliest());
    }
    for (String group : new TreeSet<>(groups)) {
      Map<TopicPartition, OffsetAndMetadata> done = committed.getOrDefault(group, Map.of());
      Set<String> read = new HashSet<>();
      done.forEach(
          (p, offset) -> {
            // asked for by partition, the answer holds the partitions without an offset too
            if (offset != null) {
              read.add(p.topic());
            }
          });
      for (TopicPartition p : partitions) {
        if (uncommitted == Uncommitted.BEHIND_IN_TOPICS_READ && !read.contains(p.topic())) {
          continue;
        }
        OffsetAndMetadata offset = done.get(p);
        Long from = offset != null ? Long.valueOf(offset.offset()) : starts.get(p);
        Long end = ends.get(p);
        if (from != null && end != null) {
          lags.add(new Lag(group, p, Math.max(0, end - from)));
        }
      }
    }
    return lags;
  }

  /**
   * The consumer groups with an offset committed on a partition of the topics, examining at most
   * {@code cap} groups (in name order) of all the cluster lists.
   */
  public Groups readersOf(Collection<String> topics, int cap)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (topics.isEmpty()) {
      return new Groups(List.of(), 0);
    }
    TreeSet<String> all = new TreeSet<>();
    for (GroupListing g :
        admin
            .listGroups(ListGroupsOptions.forConsumerGroups())
            .all()
            .get(timeoutMs, TimeUnit.MILLISECONDS)) {
      all.add(g.groupId());
    }
    List<String> examined = new ArrayList<>(all).subList(0, Math.min(cap, all.size()));
    List<String> readers = new ArrayList<>();
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
        committed(examined, partitions(topics));
    for (String group : examined) {
      if (committed.getOrDefault(group, Map.of()).values().stream().anyMatch(o -> o != null)) {
        readers.add(group);
      }
    }
    return new Groups(readers, all.size() - examined.size());
  }

  private List<TopicPartition> partitions(Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicDescription topic :
        admin
            .describeTopics(topics)
            .allTopicNames()
            .get(timeoutMs, TimeUnit.MILLISECONDS)
            .values()) {
      for (TopicPartitionInfo p : topic.partitions()) {
        partitions.add(new TopicPartition(topic.name(), p.partition()));
      }
    }
    return partitions;
  }

  private Map<String, Map<TopicPartition, OffsetAndMetadata>> committed(
      Collection<String> groups, List<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (groups.isEmpty()) {
      return Map.of();
    }
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    for (String group : groups) {
      specs.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions));
    }
    return admin.listConsumerGroupOffsets(specs).all().get(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
    partitions.forEach(p -> asked.put(p, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
        admin.listOffsets(asked).all().get(timeoutMs, TimeUnit.MILLISECONDS).entrySet()) {
      offsets.put(e.getKey(), e.getValue().offset());
    }
    return offsets;
  }

  /**
   * The lags as the counters' {@code GroupLag} text: a line {@code <topic>-<partition>=<lag>
   * <group>} each (a group id may hold spaces, a topic name may not).
   */
  public static String text(List<Lag> lags) {
    StringBuilder out = new StringBuilder();
    for (Lag l : lags) {
      if (l.group().indexOf('\n') >= 0 || l.group().indexOf('\r') >= 0) {
        // one line per value: a group id with a line break would forge another line
        continue;
      }
      out.append(out.length() == 0 ? "" : "\n")
          .append(l.partition())
          .append('=')
          .append(l.records())
          .append(' ')
          .append(l.group());
    }
    return out.toString();
  }
}
