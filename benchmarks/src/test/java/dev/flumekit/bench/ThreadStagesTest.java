package dev.flumekit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadStagesTest {
  @Test
  void threadNamesAsLinuxKeepsThemGiveTheirStage() {
    assertEquals("source", ThreadStages.of("PollableSource"));
    assertEquals("sink", ThreadStages.of("SinkRunner-Poll"));
    assertEquals("Kafka I/O", ThreadStages.of("kafka-producer-"));
    assertEquals("HBase I/O", ThreadStages.of("RPCClient-NioE"));
    assertEquals("GC", ThreadStages.of("GC Thread#1"));
    assertEquals("GC", ThreadStages.of("G1 Conc#0"));
    assertEquals("JIT", ThreadStages.of("C2 CompilerThre"));
    assertEquals("main", ThreadStages.of("java"));
    assertEquals(ThreadStages.OTHER, ThreadStages.of("Signal Dispatch"));
  }

  @Test
  void readsThisProcesssThreads() {
    Map<String, Double> stages = ThreadStages.cpuSeconds(ProcessHandle.current().pid());
    assertFalse(stages.isEmpty());
    assertEquals(Map.of(), ThreadStages.cpuSeconds(Long.MAX_VALUE));
  }
}
