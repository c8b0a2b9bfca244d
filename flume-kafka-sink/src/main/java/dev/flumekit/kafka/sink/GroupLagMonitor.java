package dev.flumekit.kafka.sink;

import dev.flumekit.common.log.LogLimiter;
import dev.flumekit.kafka.client.AdminProperties;
import dev.flumekit.kafka.client.ConsumerGroupLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer's view of its readers: every {@value #PERIOD_MS} ms, on its own thread, the lag of the
 * consumer groups reading the topics the writer writes (those named by {@code lagGroups}, or those
 * found with committed offsets there, at most {@code lagGroupsMax}). A stopped or hung consumer
 * cannot report its own lag; the agents that write its topics still do. Writes never wait for it.
 */
final class GroupLagMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupLagMonitor.class);
  static final long PERIOD_MS = 15_000;
  private static final long TIMEOUT_MS = 10_000;

  private final String writerName;
  private final List<String> namedGroups;
  private final int maxGroups;
  private final Supplier<Collection<String>> topics;
  private final BiConsumer<List<ConsumerGroupLag.Lag>, Boolean> out;
  private final Map<String, Object> adminProperties;
  private final ScheduledExecutorService timer;

  /**
   * Made on the timer's thread at its first measurement, never at start: creating an admin client
   * fails while no bootstrap host resolves, and a writer must start (and wait for Kafka in its
   * writes, where the outage is seen) whatever the cluster's state.
   */
  private volatile Admin admin;

  private ConsumerGroupLag lag;
  private final LogLimiter cappedLog = new LogLimiter(3_600_000);
  private final LogLimiter silentLog = new LogLimiter(3_600_000);

  GroupLagMonitor(
      String writerName,
      Map<String, Object> producerProperties,
      List<String> namedGroups,
      int maxGroups,
      Supplier<Collection<String>> topics,
      BiConsumer<List<ConsumerGroupLag.Lag>, Boolean> out) {
    this.writerName = writerName;
    this.namedGroups = List.copyOf(namedGroups);
    this.maxGroups = maxGroups;
    this.topics = topics;
    this.out = out;
    this.adminProperties = AdminProperties.from(producerProperties, "-group-lag");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "flumekit-" + writerName + "-group-lag");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::measure, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private void measure() {
    Collection<String> written = new TreeSet<>(topics.get());
    if (written.isEmpty()) {
      return;
    }
    try {
      if (lag == null) {
        admin = Admin.create(adminProperties);
        lag = new ConsumerGroupLag(admin, TIMEOUT_MS);
      }
      List<String> groups = namedGroups;
      if (groups.isEmpty()) {
        ConsumerGroupLag.Groups found = lag.readersOf(written, maxGroups);
        if (found.leftOut() > 0 && cappedLog.admit("capped") >= 0) {
          LOG.warn(
              "{}: the cluster has {} more consumer groups than lagGroupsMax ({}): only the first"
                  + " {} by name were looked at for readers of {}; name the groups to report in"
                  + " lagGroups",
              writerName,
              found.leftOut(),
              maxGroups,
              maxGroups,
              written);
        }
        groups = found.names();
      }
      // a group named by the operator reads these topics: a partition it has not committed on yet
      // (or whose offsets expired) is behind by all of it, never "no lag"
      List<ConsumerGroupLag.Lag> measured =
          lag.measure(
              groups,
              written,
              namedGroups.isEmpty()
                  ? ConsumerGroupLag.Uncommitted.LEFT_OUT
                  : ConsumerGroupLag.Uncommitted.BEHIND_IN_TOPICS_READ);
      List<String> silent = unreported(namedGroups, measured);
      if (!silent.isEmpty() && silentLog.admit("silent") >= 0) {
        // which topics a group reads is known from its commits only: a named group that never
        // committed on a written topic (its consumer never ran, or ran elsewhere) has no lag to
        // report, and no lag alert can fire for it
        LOG.warn(
            "{}: lagGroups names {}, which committed no offset on {}: its lag is not reported"
                + " until it has read and committed there; check that its consumer runs, reads"
                + " these topics and is in that group",
            writerName,
            silent,
            written);
      }
      out.accept(measured, !namedGroups.isEmpty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // brokers away: the last measurement stands (the lag only grows meanwhile, and the writes
      // waiting for Kafka say the outage)
      LOG.debug("{}: group lag not measured: {}", writerName, e.toString());
    }
  }

  /** The named groups that no measured lag is about: they committed on none of the topics. */
  static List<String> unreported(List<String> named, List<ConsumerGroupLag.Lag> measured) {
    Set<String> reported = new HashSet<>();
    for (ConsumerGroupLag.Lag l : measured) {
      reported.add(l.group());
    }
    List<String> silent = new ArrayList<>();
    for (String group : named) {
      if (!reported.contains(group)) {
        silent.add(group);
      }
    }
    return silent;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      // the admin is the timer thread's: closed once that thread has let go of it
      if (!timer.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        LOG.warn("{}: group lag measurement did not end within {} ms", writerName, TIMEOUT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Admin made = admin;
    if (made != null) {
      made.close(Duration.ofSeconds(5));
    }
  }
}
