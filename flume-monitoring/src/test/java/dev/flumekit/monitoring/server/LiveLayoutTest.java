package dev.flumekit.monitoring.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.agent.AgentFile;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveLayoutTest {
  private static AgentLayout sinks(String names) {
    Properties p = new Properties();
    p.setProperty("a1.sinks", names);
    return AgentLayout.of("a1", AgentFile.of(p));
  }

  private static List<ComponentReading> applied(long count) {
    return List.of(
        new ComponentReading(
            "AGENT",
            "configuration",
            Map.of(LiveLayout.APPLIED, count, "ConfigurationRefused", 0L)));
  }

  @Test
  void theLayoutIsReadAgainOnlyWhenTheAgentAppliedAnEdit() {
    AtomicReference<AgentLayout> onDisk = new AtomicReference<>(sinks("k1"));
    LiveLayout live = new LiveLayout(onDisk::get, null, Long.MIN_VALUE / 2);
    assertEquals(1, live.current(applied(0), 1_000).components().size());
    // an edit the check refused: on disk, not running
    onDisk.set(sinks("k1 k2 k3"));
    assertEquals(1, live.current(applied(0), 2_000).components().size());
    // the next edit applied: the layout follows, and says when it changed
    onDisk.set(sinks("k1 k2"));
    assertEquals(
        List.of("SINK.k1", "SINK.k2"),
        List.copyOf(live.current(applied(1), 3_000).components().keySet()).stream()
            .sorted()
            .toList());
    assertEquals(3_000, live.changedMillis());
  }
}
