package dev.flumekit.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceNameTest {
  @Test
  void theAgentsNameIsTakenFromFlumesCommandLine() {
    assertEquals(
        Optional.of("collector"),
        InstanceName.agentOf(
            "org.apache.flume.node.Application -n collector -f conf/collector.conf"));
    assertEquals(
        Optional.of("loader-2"),
        InstanceName.agentOf("org.apache.flume.node.Application --name loader-2 -f x.conf"));
    assertEquals(
        Optional.of("a1"), InstanceName.agentOf("org.apache.flume.node.Application --name=a1"));
    assertEquals(Optional.empty(), InstanceName.agentOf("org.junit.platform.Launcher"));
    assertEquals(Optional.empty(), InstanceName.agentOf(""));
  }

  @Test
  void hostNamesEveryCloneHasAreNotDistinctive() {
    for (String h :
        new String[] {
          "localhost",
          "localhost.localdomain",
          "LOCALHOST",
          "localhost6.localdomain6",
          "ip6-localhost",
          "",
          " ",
          "127.0.0.1",
          "::1"
        }) {
      assertFalse(InstanceName.distinctive(h), h);
    }
    assertTrue(InstanceName.distinctive("web-07.example.org"));
    assertTrue(InstanceName.distinctive("vm"));
  }
}
