package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.RotatingLogWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flume 1.11 agent with the tarball's TailSource → file channel → file_roll, tailing a log
 * that is rotated by rename and by copytruncate every 0.7 s while the agent is killed with kill -9
 * and started again, twice: several rotations happen while no agent runs, including files created
 * and rotated away meanwhile, so the glob names the rotated files too. Every line reaches the
 * sink's files.
 */
class TailSourceAgentIT {
  static final int LINES = 150_000;

  @TempDir static Path dir;

  static Path flumeHome;

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  @Test
  void pluginDirectoryHoldsTheSourceAndCommonOnly() throws Exception {
    TarballHome.flatPluginLayout(flumeHome, "flumekit-tail-source", "dev/flumekit/source/");
  }

  @Test
  void killedTwiceWhileTheLogRotatesLosesNoLine() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path out = Files.createDirectories(dir.resolve("out"));
    String conf =
        OneFlowAgent.conf(
            OneFlowAgent.tailSource(
                logs.resolve("app.log*"),
                dir.resolve("positions/r1"),
                "batchSize = 500",
                "rescanIntervalMillis = 100"),
            OneFlowAgent.fileChannel(dir.resolve("channel"), "transactionCapacity = 1000"),
            OneFlowAgent.fileRoll(out, "sink.batchSize = 500"));
    Path confDir = dir.resolve("conf");
    Path confFile = FlumeAgent.writeConfig(confDir, conf, Map.of());

    try (RotatingLogWriter writer =
        new RotatingLogWriter(
            logs.resolve("app.log"), LINES, 15_000, 700, TailSourceAgentIT::line)) {
      for (int run = 1; run <= 2; run++) {
        try (FlumeAgent agent =
            FlumeAgent.start(
                flumeHome,
                confDir,
                confFile,
                "a1",
                List.of(),
                dir.resolve("logs/run" + run + ".log"))) {
          if (run == 1) {
            agent.awaitLog("with positions in", Duration.ofSeconds(60));
            writer.start();
          }
          int target = LINES * run / 3;
          long deadline = System.nanoTime() + 60_000_000_000L;
          while (lines(out).size() < target && System.nanoTime() < deadline) {
            assertTrue(agent.isAlive(), agent.log());
            Thread.sleep(100);
          }
          agent.kill();
        }
        Thread.sleep(1500); // rotations happen while no agent runs
      }
      try (FlumeAgent last =
          FlumeAgent.start(
              flumeHome, confDir, confFile, "a1", List.of(), dir.resolve("logs/run3.log"))) {
        writer.await();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (distinct(out) < LINES && System.nanoTime() < deadline) {
          assertTrue(last.isAlive(), last.log());
          Thread.sleep(200);
        }
        last.stop(Duration.ofSeconds(30));
      }
      List<String> lines = lines(out);
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < LINES; i++) {
        expected.add(line(i));
      }
      Set<String> missing = new HashSet<>(expected);
      lines.forEach(missing::remove);
      assertEquals(Set.of(), missing.size() > 20 ? Set.of(missing.size() + " lines") : missing);
      assertTrue(expected.containsAll(lines), "only written lines arrive");
      System.out.printf(
          "tail kill -9 x2: %d lines, %d rotations, %d lines delivered, %d duplicates%n",
          LINES, writer.rotations(), lines.size(), lines.size() - LINES);
    }
  }

  /**
   * A cut-over from Flume's TAILDIR source: its JSON positions say where it stopped in each file
   * (one file rotated since), and the first start of this source reads exactly the lines after.
   */
  @Test
  void takesOverFromTaildirWithoutRepeatingOrSkippingALine() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("taildir-logs"));
    Path out = Files.createDirectories(dir.resolve("taildir-out"));
    Path live = logs.resolve("access.log");
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      written.add(line(i));
    }
    Files.write(live, written.subList(0, 60), StandardCharsets.UTF_8);
    long rotatedInode =
        (Long) Files.getAttribute(live, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    // TAILDIR had read the first 40 lines of access.log when it stopped
    long pos = 0;
    for (String l : written.subList(0, 40)) {
      pos += l.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    // then the log rotated, and 40 more lines went to the new access.log
    Files.move(live, logs.resolve("access.log.1"));
    Files.write(live, written.subList(60, 100), StandardCharsets.UTF_8);
    Path taildir = dir.resolve("taildir_position.json");
    Files.writeString(
        taildir,
        "[{\"inode\":" + rotatedInode + ",\"pos\":" + pos + ",\"file\":\"" + live + "\"}]");
    String conf =
        OneFlowAgent.conf(
            OneFlowAgent.tailSource(
                logs.resolve("access.log*"),
                dir.resolve("taildir-positions/r1"),
                "taildirPositionFile = " + taildir),
            List.of("type = memory"),
            OneFlowAgent.fileRoll(out));
    Path confDir = dir.resolve("taildir-conf");
    Path confFile = FlumeAgent.writeConfig(confDir, conf, Map.of());
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome, confDir, confFile, "a1", List.of(), dir.resolve("logs/taildir.log"))) {
      agent.awaitLog(
          "resuming 1 files where Flume's TAILDIR source stopped", Duration.ofSeconds(60));
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (lines(out).size() < 60 && System.nanoTime() < deadline) {
        assertTrue(agent.isAlive(), agent.log());
        Thread.sleep(100);
      }
      Thread.sleep(1000); // nothing more arrives
      agent.stop(Duration.ofSeconds(30));
    }
    List<String> delivered = lines(out);
    assertEquals(new HashSet<>(written.subList(40, 100)), new HashSet<>(delivered));
    assertEquals(60, delivered.size(), "lines 40-99 once each, none of the first 40");
  }

  private static String line(int i) {
    return "10.0.0." + (i % 250) + " - - \"GET /class/" + (i % 97) + ".html HTTP/1.1\" 200 " + i;
  }

  private static long distinct(Path out) throws Exception {
    return new HashSet<>(lines(out)).size();
  }

  private static List<String> lines(Path out) throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      List<String> all = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
      return all;
    }
  }
}
