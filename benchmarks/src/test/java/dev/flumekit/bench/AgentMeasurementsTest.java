package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentMeasurementsTest {
  private static final long MIB = 1 << 20;

  @Test
  void eachPauseAddsTheHeapBeforeItLessTheHeapTheLastOneLeft(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(
        log,
        """
        [0.006s][1796603889163ms][info][gc] Using G1
        [2.225s][1796603891382ms][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->10M(1024M) 30.790ms
        [3.000s][1796603892000ms][info][gc] GC(1) Concurrent Mark Cycle
        [3.859s][1796603893017ms][info][gc] GC(2) Pause Young (Concurrent Start) (Metadata GC Threshold) 54M->20M(1024M) 36.076ms
        [4.100s][1796603893300ms][info][gc] GC(2) Pause Remark 25M->22M(1024M) 3.1ms
        """);

    List<AgentMeasurements.Allocated> a = AgentMeasurements.allocations(log);

    assertEquals(3, a.size());
    assertEquals(new AgentMeasurements.Allocated(1796603891382L, 51 * MIB, 10 * MIB), a.get(0));
    assertEquals(new AgentMeasurements.Allocated(1796603893017L, 95 * MIB, 20 * MIB), a.get(1));
    assertEquals(new AgentMeasurements.Allocated(1796603893300L, 100 * MIB, 22 * MIB), a.get(2));
    assertEquals(new AgentMeasurements.GcPeaks(54, 22), AgentMeasurements.gcPeaks(log));
  }

  @Test
  void theLogOptionStampsLinesWithEpochMillis() {
    assertTrue(
        AgentMeasurements.gcLogOption(Path.of("/x/gc.log"))
            .endsWith("/x/gc.log:timemillis,uptime,level,tags"));
  }
}
