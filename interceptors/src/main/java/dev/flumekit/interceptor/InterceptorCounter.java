package dev.flumekit.interceptor;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * Counters of one interceptor, registered as an MBean under {@code org.apache.flume.interceptor}
 * while the interceptor is open. Interceptors add per batch, not per event, so that counting stays
 * off the per-event path. Flume does not tell an interceptor its configured name, so the counter
 * also carries its builder's class and a digest of its settings ({@link
 * dev.flumekit.common.config.SettingsDigest}), by which the monitoring service finds the name in
 * the agent's configuration.
 */
public final class InterceptorCounter extends MonitoredCounterGroup
    implements InterceptorCounterMBean {
  private static final String SEEN = "interceptor.events.seen";
  private static final String PASSED = "interceptor.events.passed";
  private static final String DROPPED = "interceptor.events.dropped";
  private static final String FAILED = "interceptor.events.failed";

  /** Names of the counters alive in this JVM, so that two interceptors never share an MBean. */
  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

  private final String name;
  private volatile String builderType = "";
  private volatile String settingsDigest = "";

  private InterceptorCounter(String name) {
    super(Type.INTERCEPTOR, name, SEEN, PASSED, DROPPED, FAILED);
    this.name = name;
  }

  /**
   * A counter named {@code name}, or {@code name-2}, {@code name-3}, ... when an interceptor that
   * is still open holds that name.
   */
  public static InterceptorCounter named(String name) {
    String unique = name;
    for (int n = 2; !LIVE.add(unique); n++) {
      unique = name + "-" + n;
    }
    return new InterceptorCounter(unique);
  }

  public String name() {
    return name;
  }

  /** Which configured interceptor this is: its builder's class and its settings' digest. */
  void identify(String builderType, String settingsDigest) {
    this.builderType = builderType;
    this.settingsDigest = settingsDigest;
  }

  void add(long seen, long passed, long dropped, long failed) {
    addAndGet(SEEN, seen);
    addAndGet(PASSED, passed);
    if (dropped != 0) {
      addAndGet(DROPPED, dropped);
    }
    if (failed != 0) {
      addAndGet(FAILED, failed);
    }
  }

  /**
   * Stops counting and takes the MBean away: Flume builds a reloaded configuration's interceptors
   * before it closes the old ones, and a closed interceptor's frozen counts must not stay beside
   * its successor's.
   */
  @Override
  public void stop() {
    super.stop();
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName bean = new ObjectName("org.apache.flume.interceptor:type=" + name);
      if (server.isRegistered(bean)) {
        server.unregisterMBean(bean);
      }
    } catch (JMException e) {
      // already gone, or a name JMX cannot hold: nothing is left to take away
    }
    LIVE.remove(name);
  }

  @Override
  public String getBuilderType() {
    return builderType;
  }

  @Override
  public String getSettingsDigest() {
    return settingsDigest;
  }

  @Override
  public long getEventsSeen() {
    return get(SEEN);
  }

  @Override
  public long getEventsPassed() {
    return get(PASSED);
  }

  @Override
  public long getEventsDropped() {
    return get(DROPPED);
  }

  @Override
  public long getEventsFailed() {
    return get(FAILED);
  }
}
