package dev.flumekit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's first command, shortened: the demo starts Kafka and HBase, runs the shipped agents on a
 * rotating log for a few seconds, and finds every click counted in HBase (exit status 0), with its
 * chart written and the servers' data removed.
 */
class DemoIT {
  @Test
  void theDemoCountsEveryClickAndCleansUp() throws Exception {
    Path root = Paths.get("..").toAbsolutePath().normalize();
    assertEquals(
        0,
        Demo.run(new String[] {"--rate", "500", "--seconds", "8", "--rotate-seconds", "3"}, root));
    Path run;
    try (Stream<Path> runs = Files.list(root.resolve("demo/target"))) {
      run =
          runs.filter(p -> p.getFileName().toString().startsWith("run-"))
              .max(Path::compareTo)
              .orElseThrow();
    }
    String html = Files.readString(run.resolve("clicks-per-course.html"));
    assertTrue(html.contains("every click counted once"), html);
    assertTrue(html.contains("<svg"), html);
    for (String gone : List.of("kafka", "hbase", "state")) {
      assertTrue(Files.notExists(run.resolve(gone)), gone + " removed");
    }
    assertTrue(Files.exists(run.resolve("logs/collector.log")));
    assertTrue(Files.exists(run.resolve("logs/loader.log")));
    String dashboard = Files.readString(run.resolve("logs/dashboard.out"));
    assertTrue(dashboard.contains("Click dashboard of table access_logs on http://"), dashboard);
  }
}
