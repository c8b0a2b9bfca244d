package dev.flumekit.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lines per second from one access-log file into a MemoryChannel: Flume 1.11's TAILDIR against
 * flumekit's TailSource (positions after every batch, the default, and at most every 10 ms), same
 * file (in the page cache), batches of 5,000 as flumekit ships, same channel, one thread taking
 * from the channel as a sink would. Each run is a JVM of its own ({@link TailSourceRun}), sampled
 * from here for its CPU and allocation per line between 20% and 80% of the file ({@link
 * ProcessWindow}); the order of the contenders rotates each round. Usage: {@code
 * benchmarks/tail-source.sh [lines] [rounds]}; {@code -Dtail.batch=1000} runs the earlier batches,
 * {@code -Dtail.runOptions=...} adds JVM options to each run ({@code {run}} becomes its name).
 */
public final class TailSourceBenchmark {
  private static final int BATCH = Integer.getInteger("tail.batch", 5000);

  /**
   * Contender names in the report, by the name {@code -Dtail.contenders} takes: {@link
   * TailSourceRun}'s, and taildir-1000 (TAILDIR at batches of 1,000, as benchmarked before).
   */
  private static final Map<String, String> LABELS =
      Map.of(
          "taildir", "TAILDIR",
          "taildir-1000", "TAILDIR, batches of 1,000",
          "tailsource", "flumekit TailSource",
          "tailsource10ms", "flumekit TailSource, writePosInterval = 10",
          "raw", "raw reader (no Flume): lines split, position saved durably per batch");

  private TailSourceBenchmark() {}

  public static void main(String[] args) throws Exception {
    // 4,000,000 lines were read in under a second at the 20-80% window's rates, while C2 compiled:
    // TailSource then measured 0.95x TAILDIR, and 1.51x over 16,000,000 (docs/benchmarks.md)
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 16_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work =
        Files.createDirectories(
            BenchmarkHome.workDirectory(Paths.get("").toAbsolutePath(), "tail-source"));
    Path log = work.resolve("access.log");
    long bytes = writeLog(log, lines);
    System.out.printf(
        Locale.ROOT,
        "%,d lines, %.1f MiB, batches of %d, MemoryChannel%n",
        lines,
        bytes / 1048576.0,
        BATCH);
    ContenderRounds results = new ContenderRounds("line");
    List<String> contenders =
        List.of(
            System.getProperty("tail.contenders", "taildir,tailsource,tailsource10ms,raw")
                .split(","));
    for (String contender : contenders) {
      if (!LABELS.containsKey(contender)) {
        throw new IllegalArgumentException(
            "tail.contenders: " + contender + " is not a contender; use one of " + LABELS.keySet());
      }
    }
    for (int round = 1; round <= rounds; round++) {
      for (String contender : ContenderRounds.order(contenders, round)) {
        results.add(run(contender, round, log, lines, work));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nTail source benchmark: %,d lines (%.0f bytes on average), batches of %d, MemoryChannel;"
            + " lines/s, CPU and allocation per line of each run's JVM between 20%% and 80%% of the"
            + " file%n%n",
        lines,
        (double) bytes / lines,
        BATCH);
    results.table().forEach(System.out::println);
    System.out.println();
    results.medians().forEach(System.out::println);
    System.out.println();
    for (String ours : List.of("tailsource", "tailsource10ms", "taildir-1000")) {
      if (contenders.contains(ours) && contenders.contains("taildir")) {
        System.out.println(results.ratios(LABELS.get(ours), LABELS.get("taildir")));
      }
    }
    // the floor: how far the tail source is from a program that only reads and saves positions,
    // and how far that program is from TAILDIR (the most any tail source could beat it by here)
    if (contenders.contains("raw")) {
      for (String other : List.of("tailsource", "taildir")) {
        if (contenders.contains(other)) {
          System.out.println(results.ratios(LABELS.get(other), LABELS.get("raw")));
        }
      }
      if (contenders.contains("taildir")) {
        System.out.println(results.ratios(LABELS.get("raw"), LABELS.get("taildir")));
      }
    }
    System.out.println(AgentMeasurements.machine());
  }

  private static long writeLog(Path log, int lines) throws Exception {
    byte[][] corpus = AccessLogLines.generate(100_000, 42);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log), 1 << 20)) {
      for (int i = 0; i < lines; i++) {
        out.write(corpus[i % corpus.length]);
        out.write('\n');
      }
    }
    return Files.size(log);
  }

  /** One contender's run in a JVM of its own, sampled each time it reports the lines taken. */
  private static ContenderRounds.Run run(
      String contender, int round, Path log, int lines, Path work) throws Exception {
    String name = contender + "-" + round;
    Path gcLog = work.resolve(name + "-gc.log");
    Files.deleteIfExists(gcLog);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g",
                "-Xmx1g",
                "-XX:+UseG1GC",
                AgentMeasurements.gcLogOption(gcLog)));
    // e.g. -Dtail.runOptions=-XX:StartFlightRecording=filename=/tmp/{run}.jfr to profile a run
    for (String option : System.getProperty("tail.runOptions", "").split(" ")) {
      if (!option.isBlank()) {
        command.add(option.replace("{run}", name));
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            TailSourceRun.class.getName(),
            contender.equals("taildir-1000") ? "taildir" : contender,
            log.toString(),
            Integer.toString(lines),
            Integer.toString(contender.equals("taildir-1000") ? 1000 : BATCH),
            work.resolve("positions-" + name).toString()));
    Process process =
        new ProcessBuilder(command).redirectError(work.resolve(name + ".err").toFile()).start();
    ProcessWindow window = new ProcessWindow(process.pid(), gcLog, lines);
    double steadyRate = Double.NaN;
    double wholeRate = Double.NaN;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] words = line.split(" ");
        switch (words[0]) {
          case "taken" -> window.sample(Long.parseLong(words[1]));
          case "steady" -> steadyRate = Double.parseDouble(words[1]);
          case "whole" -> wholeRate = Double.parseDouble(words[1]);
          default -> System.out.println("[" + name + "] " + line);
        }
      }
    }
    if (process.waitFor() != 0 || Double.isNaN(steadyRate)) {
      throw new IllegalStateException(
          name + " failed: " + Files.readString(work.resolve(name + ".err")));
    }
    SteadyState.PerLine steady = window.perLine();
    System.out.printf(
        Locale.ROOT,
        "[%s] %,.0f lines/s between 20%% and 80%% (%,.0f over the whole run); steady state: %s"
            + " per line%n",
        name,
        steadyRate,
        wholeRate,
        steady);
    return new ContenderRounds.Run(LABELS.get(contender), round, steadyRate, steady);
  }
}
