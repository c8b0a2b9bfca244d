package dev.flumekit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * README's first command as a newcomer types it, shortened by its own options: {@code ./demo.sh}
 * builds flumekit, starts Kafka and HBase, runs the shipped agents on a rotating log for a few
 * seconds, and finds every click counted in HBase (exit status 0), with its chart written and the
 * servers' data removed. The script, not the class behind it: a jar renamed by the build once broke
 * the script while a test of the class stayed green.
 */
@Tag("slow")
class DemoIT {
  @Test
  void theDemoScriptCountsEveryClickAndCleansUp() throws Exception {
    Path root = Paths.get("..").toAbsolutePath().normalize();
    Path output = root.resolve("demo/target/demo-sh.out");
    Process demo =
        new ProcessBuilder("./demo.sh", "--rate", "500", "--seconds", "8", "--rotate-seconds", "3")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean ended = demo.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
    String printed = Files.readString(output);
    assertTrue(ended, "./demo.sh still running after 10 minutes:\n" + printed);
    assertEquals(0, demo.exitValue(), printed);

    Path run;
    try (Stream<Path> runs = Files.list(root.resolve("demo/target"))) {
      run =
          runs.filter(p -> p.getFileName().toString().startsWith("run-"))
              .max(Path::compareTo)
              .orElseThrow();
    }
    assertTrue(printed.contains("flumekit demo in " + run), printed);
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
