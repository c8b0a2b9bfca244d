package dev.flumekit.monitoring.server;

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
  private final ObjectName pattern;
  private final ObjectName sinks;

  FlumeBeans(MBeanServer server) {
    this.server = server;
    try {
      this.pattern = new ObjectName(DOMAIN_PREFIX + "*:*");
      this.sinks = new ObjectName(DOMAIN_PREFIX + "sink:*");
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every sink's delivered-events counter alone: what tracking deliveries between scrapes needs,
   * without building every other attribute's value (histogram and per-file text among them).
   */
  List<ComponentReading> sinkDeliveries() {
    List<ComponentReading> readings = new ArrayList<>();
    for (ObjectName bean : server.queryNames(sinks, null)) {
      String name = bean.getKeyProperty("type");
      if (name == null) {
        continue;
      }
      try {
        Object drained = server.getAttribute(bean, DRAINED);
        if (drained != null) {
          readings.add(new ComponentReading("SINK", name, Map.of(DRAINED, drained)));
        }
      } catch (JMException e) {
        // unregistered meanwhile, or a sink without the counter: not tracked this time
      }
    }
    return readings;
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
