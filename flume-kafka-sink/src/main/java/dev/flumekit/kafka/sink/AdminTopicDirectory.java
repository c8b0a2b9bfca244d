package dev.flumekit.kafka.sink;

import dev.flumekit.common.log.LogSafe;
import dev.flumekit.kafka.client.AdminProperties;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TopicDirectory} that asks the cluster through an Admin client made from the producer's
 * own connection settings (security included). A topic found is remembered for good; a topic
 * missing is asked about again after {@code recheckMs}, so one created meanwhile is used; a topic's
 * max.message.bytes is read again after {@code limitRecheckMs}. A cluster whose brokers create
 * topics on demand ({@code auto.create.topics.enable}) has no missing topics.
 */
final class AdminTopicDirectory implements TopicDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(AdminTopicDirectory.class);

  private final String logName;
  private final Map<String, Object> adminProperties;
  private final long timeoutMs;
  private final long recheckMs;
  private final Set<String> existing = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> missingUntil = new ConcurrentHashMap<>();
  private final Map<String, KnownLimit> limits = new ConcurrentHashMap<>();
  private final long limitRecheckMs;
  private Admin admin;
  private Boolean createsOnDemand;

  AdminTopicDirectory(
      String logName,
      Map<String, Object> producerProperties,
      long timeoutMs,
      long recheckMs,
      long limitRecheckMs) {
    this.logName = logName;
    this.adminProperties = AdminProperties.from(producerProperties, "-topics");
    this.timeoutMs = timeoutMs;
    this.recheckMs = recheckMs;
    this.limitRecheckMs = limitRecheckMs;
  }

  /**
   * A topic's max.message.bytes ({@code NO_KNOWN_LIMIT} until read) and when it is to be read
   * again.
   */
  private record KnownLimit(int bytes, long nextReadMs) {}

  @Override
  public int maxMessageBytes(String topic) {
    KnownLimit known = limits.get(topic);
    if (known != null && System.currentTimeMillis() < known.nextReadMs()) {
      return known.bytes();
    }
    return readLimit(topic, known);
  }

  /**
   * Reads a topic's limit, which an operator may change at any time (so it is read again after
   * {@code limitRecheckMs}). Unanswered, the last value read stays in force until the next regular
   * read; with none, no limit is applied and Kafka's own refusal is the check, asked again after
   * {@code recheckMs} so that an outage does not cost every batch a timeout.
   */
  private synchronized int readLimit(String topic, KnownLimit previous) {
    KnownLimit known = limits.get(topic);
    if (known != null && known != previous) {
      return known.bytes();
    }
    long now = System.currentTimeMillis();
    KnownLimit next =
        previous == null
            ? new KnownLimit(NO_KNOWN_LIMIT, now + recheckMs)
            : new KnownLimit(previous.bytes(), now + limitRecheckMs);
    try {
      ConfigEntry entry =
          configEntry(
              new ConfigResource(ConfigResource.Type.TOPIC, topic),
              TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry != null && entry.value() != null) {
        next = new KnownLimit(Integer.parseInt(entry.value()), now + limitRecheckMs);
      }
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // unanswered: next stands as set above
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    limits.put(topic, next);
    return next.bytes();
  }

  /** One entry of a topic's or a broker's configuration, or null if it has none. */
  private ConfigEntry configEntry(ConfigResource resource, String name)
      throws ExecutionException, TimeoutException, InterruptedException {
    Config config =
        admin()
            .describeConfigs(Set.of(resource))
            .all()
            .get(timeoutMs, TimeUnit.MILLISECONDS)
            .get(resource);
    return config == null ? null : config.get(name);
  }

  /** The Admin client, made at its first use. */
  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(adminProperties);
    }
    return admin;
  }

  @Override
  public Set<String> knownTopics() {
    return Set.copyOf(existing);
  }

  @Override
  public Existence existence(String topic) {
    if (existing.contains(topic)) {
      return Existence.EXISTS;
    }
    Long until = missingUntil.get(topic);
    if (until != null && System.currentTimeMillis() < until) {
      return Existence.MISSING;
    }
    return ask(topic);
  }

  private synchronized Existence ask(String topic) {
    if (existing.contains(topic)) {
      return Existence.EXISTS;
    }
    try {
      admin().describeTopics(Set.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
      existing.add(topic);
      missingUntil.remove(topic);
      return Existence.EXISTS;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        if (createsOnDemand()) {
          return Existence.UNKNOWN;
        }
        if (missingUntil.put(topic, System.currentTimeMillis() + recheckMs) == null) {
          LOG.warn(
              "{}: topic '{}' does not exist and the cluster does not create topics on"
                  + " demand; its events go to the fallback topic or the dead letters",
              logName,
              LogSafe.value(topic));
        }
        return Existence.MISSING;
      }
      return Existence.UNKNOWN;
    } catch (TimeoutException | RuntimeException e) {
      return Existence.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Existence.UNKNOWN;
    }
  }

  /** Whether the brokers create a topic when a producer first asks for it (Kafka's default). */
  private boolean createsOnDemand() {
    if (createsOnDemand == null) {
      try {
        Node node =
            admin()
                .describeCluster()
                .nodes()
                .get(timeoutMs, TimeUnit.MILLISECONDS)
                .iterator()
                .next();
        ConfigEntry entry =
            configEntry(
                new ConfigResource(ConfigResource.Type.BROKER, node.idString()),
                "auto.create.topics.enable");
        createsOnDemand = entry == null || Boolean.parseBoolean(entry.value());
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        // not known: assume the safe answer for events, which is to send and retry
        return true;
      }
    }
    return createsOnDemand;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(5));
      admin = null;
    }
  }
}
