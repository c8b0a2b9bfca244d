package dev.flumekit.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.SettingsDigest;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.Test;

class InterceptorCounterTest {
  private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

  @Test
  void aCounterSaysWhichConfiguredInterceptorItCounts() throws Exception {
    Interceptor i =
        Interceptors.build(new KeyInterceptor.Builder(), "name", "identified", "hashOf", "client");
    try {
      ObjectName bean = new ObjectName("org.apache.flume.interceptor:type=identified");
      assertEquals(KeyInterceptor.Builder.class.getName(), jmx.getAttribute(bean, "BuilderType"));
      assertEquals(
          SettingsDigest.of(Map.of("name", "identified", "hashOf", "client")),
          jmx.getAttribute(bean, "SettingsDigest"));
    } finally {
      i.close();
    }
  }

  /**
   * Flume builds a reloaded configuration's interceptors before it closes the old ones: the old
   * counter's MBean goes with it, so that its frozen counts are not read beside the new one's.
   */
  @Test
  void closingAnInterceptorTakesItsCountersOutOfJmx() throws Exception {
    Interceptor old =
        Interceptors.build(new KeyInterceptor.Builder(), "name", "reloaded", "hashOf", "client");
    Interceptor successor =
        Interceptors.build(new KeyInterceptor.Builder(), "name", "reloaded", "hashOf", "client");
    ObjectName first = new ObjectName("org.apache.flume.interceptor:type=reloaded");
    ObjectName second = new ObjectName("org.apache.flume.interceptor:type=reloaded-2");
    assertTrue(jmx.isRegistered(first));
    assertTrue(jmx.isRegistered(second));
    old.close();
    assertFalse(jmx.isRegistered(first));
    assertTrue(jmx.isRegistered(second));
    successor.close();
    assertFalse(jmx.isRegistered(second));
  }
}
