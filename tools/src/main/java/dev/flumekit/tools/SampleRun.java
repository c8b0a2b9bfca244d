package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bin/flumekit-agent test}: runs sample input through an agent's own components, configured
 * as the agent would configure them, and prints each resulting event, a JSON object a line.
 *
 * <ul>
 *   <li>{@code --source SRC --input FILE}: the source reads FILE as it would read a log file
 *       (flumekit's tail source: its decoding, line limits, multi-line joining and headers), its
 *       interceptors run, and each Kafka channel or sink after it says what record it would send or
 *       why the event would be a dead letter (its own refusals and Kafka's, at Kafka's defaults).
 *   <li>{@code --sink SINK --input FILE}: FILE's events (JSON lines as this command prints them, or
 *       raw lines) go to the sink, which says what it would write: the HBase sink's row, counter
 *       row and column and day, or why the event would be a dead letter.
 *   <li>{@code --tests FILE}: runs the tests of a {@link SampleTests} file.
 * </ul>
 *
 * With {@code --expect}, the printed lines are compared with the file's. Exit status 0, 1 on a
 * difference or a failed test, 2 on a usage or configuration error.
 */
public final class SampleRun {
  static final String USAGE =
      "usage: flumekit-agent test -n NAME -f FILE (--source SRC | --sink SINK) --input INPUT"
          + " [--expect EXPECTED]\n"
          + "       flumekit-agent test -n NAME -f FILE --tests TESTS";

  private SampleRun() {}

  public static void main(String[] args) {
    CommandRunner.exit("test", args, SampleRun::run);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine options = CommandLine.parse(args, Set.of());
    String agent = options.value("-n", "--name");
    String file = options.value("-f", "--conf-file");
    String tests = options.value("--tests");
    String source = options.value("--source");
    String sink = options.value("--sink");
    String input = options.value("--input");
    boolean oneComponent = (source == null) != (sink == null);
    if (agent == null
        || file == null
        || !options.complete()
        || (tests == null && (!oneComponent || input == null))
        || (tests != null && (source != null || sink != null || input != null))) {
      err.println(USAGE);
      return ConfigCheck.USAGE;
    }
    try {
      Map<String, String> properties = AgentFile.read(Paths.get(file));
      if (tests != null) {
        return runTests(properties, agent, file, Paths.get(tests), err);
      }
      SamplePipeline pipeline =
          source != null
              ? SamplePipeline.fromSource(properties, agent, file, source)
              : SamplePipeline.intoSink(properties, agent, file, sink);
      List<String> printed = new ArrayList<>();
      for (SampleOutput o : pipeline.run(Paths.get(input))) {
        printed.add(o.json());
      }
      pipeline.close();
      printed.forEach(out::println);
      String expect = options.value("--expect");
      return expect == null
          ? ConfigCheck.OK
          : compare(printed, Files.readAllLines(Paths.get(expect), StandardCharsets.UTF_8), err);
    } catch (NoSuchFileException e) {
      err.println("test: no such file: " + e.getMessage());
      return ConfigCheck.USAGE;
    } catch (IOException | UncheckedIOException e) {
      err.println("test: " + e.getMessage());
      return ConfigCheck.USAGE;
    }
  }

  private static int runTests(
      Map<String, String> properties, String agent, String file, Path testsFile, PrintStream err)
      throws IOException {
    SampleTests tests = SampleTests.parse(testsFile);
    String[] component = tests.component().split(" ", 2);
    SamplePipeline pipeline =
        component[0].equals("source")
            ? SamplePipeline.fromSource(properties, agent, file, component[1])
            : SamplePipeline.intoSink(properties, agent, file, component[1]);
    Path scratch = Files.createTempDirectory("flumekit-test");
    List<String> failures;
    try {
      failures = tests.run(testsFile, pipeline::run, scratch);
    } finally {
      pipeline.close();
      try (var files = Files.list(scratch)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(scratch);
    }
    failures.forEach(err::println);
    int count = tests.tests().size();
    if (!failures.isEmpty()) {
      err.println(
          failures.size()
              + (failures.size() == 1 ? " assertion" : " assertions")
              + " failed ("
              + testsFile
              + ", "
              + count
              + (count == 1 ? " test)" : " tests)"));
      return ConfigCheck.PROBLEMS;
    }
    err.println(count + (count == 1 ? " test" : " tests") + " passed (" + testsFile + ")");
    return ConfigCheck.OK;
  }

  /** Differences between what was printed and what was expected, a pair of lines each. */
  static int compare(List<String> printed, List<String> expected, PrintStream err) {
    List<String> wanted = expected.stream().filter(l -> !l.isBlank()).toList();
    int differences = 0;
    for (int i = 0; i < Math.max(printed.size(), wanted.size()); i++) {
      String got = i < printed.size() ? printed.get(i) : "(nothing)";
      String want = i < wanted.size() ? wanted.get(i) : "(nothing)";
      if (!got.equals(want)) {
        differences++;
        err.println("event " + (i + 1) + " differs:");
        err.println("  expected " + want);
        err.println("  got      " + got);
      }
    }
    if (differences > 0) {
      err.println(differences + " of " + Math.max(printed.size(), wanted.size()) + " differ");
      return ConfigCheck.PROBLEMS;
    }
    err.println(printed.size() + (printed.size() == 1 ? " event" : " events") + " as expected");
    return ConfigCheck.OK;
  }
}
