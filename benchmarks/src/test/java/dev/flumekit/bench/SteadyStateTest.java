package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SteadyStateTest {
  private static final long MIB = 1 << 20;

  @Test
  void cpuAndAllocationPerLineBetweenTheSamplesAt20And80Percent() {
    SteadyState s = new SteadyState(1000);
    s.sample(1_000, 0, 5.0, 10 * MIB); // start-up: not counted
    s.sample(2_000, 250, 6.0, 20 * MIB); // the window opens: 250 >= 20%
    s.sample(3_000, 500, 6.5, 30 * MIB);
    s.sample(4_000, 850, 7.0, 15 * MIB); // the window closes: 850 >= 80%
    s.sample(5_000, 1000, 9.0, 40 * MIB);
    // one collection inside the window: 40 MiB before it (20 allocated since the last), 5 left
    List<AgentMeasurements.Allocated> gcs =
        List.of(
            new AgentMeasurements.Allocated(500, 20 * MIB, 0),
            new AgentMeasurements.Allocated(3_500, 60 * MIB, 5 * MIB));

    SteadyState.PerLine perLine = s.perLine(gcs);

    assertEquals(600, perLine.lines());
    assertEquals(1e6 / 600, perLine.cpuMicros(), 1e-6);
    // allocated up to the start: 20 MiB at the first collection + 20 grown since = 40 MiB;
    // up to the end: 60 MiB at the second + 10 grown since = 70 MiB
    assertEquals(30.0 * MIB / 600, perLine.allocatedBytes(), 1e-6);
    assertEquals(2_000, perLine.fromMillis());
    assertEquals(4_000, perLine.toMillis());
  }

  @Test
  void noFigureWithoutAWindowOrAHeapReading() {
    SteadyState none = new SteadyState(1000);
    none.sample(1_000, 100, 1.0, MIB);
    assertTrue(Double.isNaN(none.perLine(List.of()).cpuMicros()));

    SteadyState unread = new SteadyState(1000);
    unread.sample(1_000, 300, 1.0, -1);
    unread.sample(2_000, 900, 2.0, MIB);
    SteadyState.PerLine perLine = unread.perLine(List.of());
    assertEquals(1e6 / 600, perLine.cpuMicros(), 1e-6);
    assertTrue(Double.isNaN(perLine.allocatedBytes()));
    assertTrue(perLine.toString().endsWith("n/a B"), perLine.toString());
  }

  @Test
  void cpuByStageOverTheWindowWithWhatEndedThreadsTook() {
    SteadyState s = new SteadyState(1000);
    s.sample(1_000, 200, 2.0, MIB, Map.of("source", 1.0, "GC", 0.5, "JIT", 0.0));
    // 0.3 s of the window's 1.0 s went to a thread that ended before the window closed
    s.sample(2_000, 800, 3.0, MIB, Map.of("source", 1.6, "GC", 0.6, "JIT", 0.0));

    SteadyState.PerLine perLine = s.perLine(List.of());

    assertEquals(1e6 / 600, perLine.cpuMicros(), 1e-6);
    assertEquals(0.6e6 / 600, perLine.stageMicros().get("source"), 1e-6);
    assertEquals(0.1e6 / 600, perLine.stageMicros().get("GC"), 1e-6);
    assertEquals(0.3e6 / 600, perLine.stageMicros().get("ended"), 1e-6);
    assertEquals("source 1000.0, GC 166.7, ended 500.0", perLine.stages());
    assertEquals(1e6 / 600, perLine.cpuMicrosWithoutJit(), 1e-6);
    assertTrue(Double.isNaN(SteadyState.PerLine.NONE.cpuMicrosWithoutJit()));
  }
}
