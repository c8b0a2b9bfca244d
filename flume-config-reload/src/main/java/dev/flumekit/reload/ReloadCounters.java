package dev.flumekit.reload;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts checked reloads. Registered as {@code org.apache.flume.agent:type=configuration}, beside
 * the components' beans, so flumekit's Prometheus exporter (and Flume's JSON monitoring) show it as
 * {@code flume_agent_reload_*} and {@code flume_agent_configuration_refused}.
 */
final class ReloadCounters implements ReloadCountersMBean {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadCounters.class);
  static final String OBJECT_NAME = "org.apache.flume.agent:type=configuration";

  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong undecided = new AtomicLong();
  private volatile boolean refusedOnDisk;

  /** Counters registered with the platform MBean server, replacing any registered before. */
  static ReloadCounters registered() {
    ReloadCounters counters = new ReloadCounters();
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName(OBJECT_NAME);
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(counters, name);
    } catch (JMException e) {
      LOG.warn("configuration reload counters not exported: {}", e.toString());
    }
    return counters;
  }

  void applied() {
    applied.incrementAndGet();
    refusedOnDisk = false;
  }

  void refused() {
    refused.incrementAndGet();
    refusedOnDisk = true;
  }

  void undecided() {
    undecided.incrementAndGet();
  }

  /** The file on disk is the configuration running again (an edit reverted). */
  void upToDate() {
    refusedOnDisk = false;
  }

  @Override
  public long getReloadAppliedCount() {
    return applied.get();
  }

  @Override
  public long getReloadRefusedCount() {
    return refused.get();
  }

  @Override
  public long getReloadUndecidedCount() {
    return undecided.get();
  }

  @Override
  public long getConfigurationRefused() {
    return refusedOnDisk ? 1 : 0;
  }
}
