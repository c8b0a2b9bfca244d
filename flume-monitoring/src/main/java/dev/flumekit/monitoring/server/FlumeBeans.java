package dev.flumekit.monitoring.server;

import dev.flumekit.common.agent.ComponentKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads every Flume component's counters from the platform MBean server: the beans Flume's counter
 * groups register as {@code org.apache.flume.<kind>:type=<name>} (its own components and flumekit's
 * alike), the same source Flume's HTTP and Ganglia monitoring read.
 */
final class FlumeBeans {
  private static final String DOMAIN_PREFIX = "org.apache.flume.";
  private final MBeanServer server;
  private static final String DRAINED = "EventDrainSuccessCount";

  /** Events a sink took again and found already delivered (HBase exactly-once counters). */
  static final String REPEATED = "EventDrainRepeatCount";

  private final ObjectName pattern;
  private final ObjectName sinks;
  private final ObjectName sources;
  private final ObjectName channels;

  FlumeBeans(MBeanServer server) {
    this.server = server;
    try {
      this.pattern = new ObjectName(DOMAIN_PREFIX + "*:*");
      this.sinks = new ObjectName(DOMAIN_PREFIX + "sink:*");
      this.sources = new ObjectName(DOMAIN_PREFIX + "source:*");
      this.channels = new ObjectName(DOMAIN_PREFIX + "channel:*");
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What timing progress between scrapes needs, without building every other attribute's value
   * (histograms among them): each sink's delivered-events counter, each source's accepted-events
   * counter and unread bytes, each channel's size.
   */
  List<ComponentReading> progress() {
    List<ComponentReading> readings = new ArrayList<>();
    add(readings, sinks, ComponentKind.SINK.monitored(), DRAINED, REPEATED);
    add(
        readings,
        sources,
        ComponentKind.SOURCE.monitored(),
        SourceProgress.ACCEPTED,
        SourceProgress.UNREAD);
    add(readings, channels, ComponentKind.CHANNEL.monitored(), "ChannelSize");
    return readings;
  }

  private void add(
      List<ComponentReading> readings, ObjectName beans, String kind, String... attributes) {
    for (ObjectName bean : server.queryNames(beans, null)) {
      String name = bean.getKeyProperty("type");
      if (name == null) {
        continue;
      }
      try {
        Map<String, Object> values = new HashMap<>();
        for (Attribute a : server.getAttributes(bean, attributes).asList()) {
          if (a.getValue() != null) {
            values.put(a.getName(), a.getValue());
          }
        }
        if (!values.isEmpty()) {
          readings.add(new ComponentReading(kind, name, values));
        }
      } catch (JMException e) {
        // unregistered meanwhile: not tracked this time
      }
    }
  }

  List<ComponentReading> read() {
    List<ComponentReading> readings = new ArrayList<>();
    for (ObjectName bean : server.queryNames(pattern, null)) {
      String name = bean.getKeyProperty("type");
      if (name == null) {
        continue;
      }
      String kind = bean.getDomain().substring(DOMAIN_PREFIX.length()).toUpperCase(Locale.ROOT);
      try {
        MBeanAttributeInfo[] infos = server.getMBeanInfo(bean).getAttributes();
        String[] names = new String[infos.length];
        for (int i = 0; i < infos.length; i++) {
          names[i] = infos[i].getName();
        }
        Map<String, Object> values = new HashMap<>();
        for (Attribute a : server.getAttributes(bean, names).asList()) {
          if (a.getValue() != null) {
            values.put(a.getName(), a.getValue());
          }
        }
        readings.add(new ComponentReading(kind, name, values));
      } catch (JMException e) {
        // unregistered meanwhile (a component stopping): it is simply not there this time
      }
    }
    return readings;
  }
}
