package dev.flumekit.tools;

import dev.flumekit.common.tooling.RecordPreview;
import dev.flumekit.common.tooling.SourcePreview;
import dev.flumekit.common.tooling.TakePreview;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.apache.flume.interceptor.InterceptorBuilderFactory;

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
    CapturedLog.install();
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (RuntimeException e) {
      System.err.println("test: " + e);
      status = ConfigCheck.USAGE;
    }
    System.out.flush();
    Runtime.getRuntime().halt(status);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String agent = options.getOrDefault("-n", options.get("--name"));
    String file = options.getOrDefault("-f", options.get("--conf-file"));
    String tests = options.get("--tests");
    String source = options.get("--source");
    String sink = options.get("--sink");
    String input = options.get("--input");
    boolean oneComponent = (source == null) != (sink == null);
    if (agent == null
        || file == null
        || args.length % 2 != 0
        || (tests == null && (!oneComponent || input == null))
        || (tests != null && (source != null || sink != null || input != null))) {
      err.println(USAGE);
      return ConfigCheck.USAGE;
    }
    try {
      Map<String, String> properties = AgentProperties.read(Paths.get(file));
      if (tests != null) {
        return runTests(properties, agent, file, Paths.get(tests), err);
      }
      Pipeline pipeline =
          source != null
              ? Pipeline.fromSource(properties, agent, file, source)
              : Pipeline.intoSink(properties, agent, file, sink);
      List<String> printed = new ArrayList<>();
      for (SampleOutput o : pipeline.run(Paths.get(input))) {
        printed.add(o.json());
      }
      pipeline.close();
      printed.forEach(out::println);
      String expect = options.get("--expect");
      return expect == null
          ? ConfigCheck.OK
          : compare(printed, Files.readAllLines(Paths.get(expect), StandardCharsets.UTF_8), err);
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
    Pipeline pipeline =
        component[0].equals("source")
            ? Pipeline.fromSource(properties, agent, file, component[1])
            : Pipeline.intoSink(properties, agent, file, component[1]);
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

  /** The agent's components a sample goes through: where it enters, what follows, in order. */
  static final class Pipeline {
    /** Samples enter at a sink: as its channel hands events over, not read by a source. */
    private final boolean intoSink;

    /** The source that reads samples, or null (then a line is an event). */
    private final SourcePreview source;

    /** For samples that enter at a sink: its channel (by name) when it reads Kafka, else null. */
    private final Map.Entry<String, TakePreview> channel;

    private final List<Interceptor> interceptors;
    private final Map<String, RecordPreview> destinations;

    private Pipeline(
        boolean intoSink,
        Map.Entry<String, TakePreview> channel,
        SourcePreview source,
        List<Interceptor> interceptors,
        Map<String, RecordPreview> destinations) {
      this.intoSink = intoSink;
      this.channel = channel;
      this.source = source;
      this.interceptors = interceptors;
      this.destinations = destinations;
    }

    /** Samples that enter at source {@code name}: read by it, through its interceptors. */
    static Pipeline fromSource(
        Map<String, String> properties, String agent, String file, String name) throws IOException {
      String prefix = agent + ".sources." + name + ".";
      String type = properties.get(prefix + "type");
      if (type == null) {
        throw new IOException(file + " has no source " + name + " in agent " + agent);
      }
      SourcePreview reader =
          UnstartedComponent.of(
                  "sources",
                  name,
                  type,
                  new Context(AgentProperties.under(properties, prefix)),
                  SourcePreview.class)
              .orElse(null);
      return new Pipeline(
          false,
          null,
          reader,
          interceptors(properties, prefix),
          destinations(properties, agent, prefix));
    }

    /** Samples that enter at sink {@code name}, as its channel would hand them over. */
    static Pipeline intoSink(Map<String, String> properties, String agent, String file, String name)
        throws IOException {
      String prefix = agent + ".sinks." + name + ".";
      String type = properties.get(prefix + "type");
      if (type == null) {
        throw new IOException(file + " has no sink " + name + " in agent " + agent);
      }
      Map<String, RecordPreview> destinations = new LinkedHashMap<>();
      UnstartedComponent.of(
              "sinks",
              name,
              type,
              new Context(AgentProperties.under(properties, prefix)),
              RecordPreview.class)
          .ifPresent(p -> destinations.put("sink " + name, p));
      if (destinations.isEmpty()) {
        throw new IOException(
            "sink "
                + name
                + " ("
                + type
                + ") cannot tell what it would write; test knows flumekit's Kafka and HBase sinks");
      }
      String channel = properties.get(prefix + "channel");
      String channelType = properties.get(agent + ".channels." + channel + ".type");
      TakePreview take =
          channelType == null
              ? null
              : UnstartedComponent.of(
                      "channels",
                      channel,
                      channelType,
                      new Context(
                          AgentProperties.under(properties, agent + ".channels." + channel + ".")),
                      TakePreview.class)
                  .orElse(null);
      return new Pipeline(
          true, take == null ? null : Map.entry(channel, take), null, List.of(), destinations);
    }

    List<SampleOutput> run(Path input) throws IOException {
      List<SampleEvent> events =
          intoSink ? SampleInputs.ofSink(input) : SampleInputs.ofSource(source, input);
      List<SampleOutput> outputs = new ArrayList<>();
      for (SampleEvent sample : events) {
        List<Event> out = new ArrayList<>();
        SampleEvent.Record r = sample.record();
        if (r != null && r.deadLetter() != null) {
          outputs.add(
              SampleOutput.notTaken(
                  sample.line(), "a dead letter where it was sent: " + r.deadLetter()));
          continue;
        }
        if (r != null && channel != null) {
          // the partition the key's hash picks is not known offline: 0 stands for it
          Map.Entry<Map<String, String>, byte[]> taken =
              channel
                  .getValue()
                  .taken(
                      r.topic(),
                      Math.max(r.partition(), 0),
                      r.key(),
                      r.timestamp(),
                      sample.headers(),
                      sample.body());
          if (taken == null) {
            outputs.add(
                SampleOutput.notTaken(
                    sample.line(),
                    "sent to topic "
                        + r.topic()
                        + ", which channel "
                        + channel.getKey()
                        + " does not read"));
            continue;
          }
          out.add(EventBuilder.withBody(taken.getValue(), new HashMap<>(taken.getKey())));
        } else {
          out.add(EventBuilder.withBody(sample.body(), sample.headers()));
        }
        for (Interceptor i : interceptors) {
          out = i.intercept(out);
        }
        if (out.isEmpty()) {
          outputs.add(SampleOutput.dropped(sample.line()));
        }
        for (Event e : out) {
          Map<String, Map<String, String>> made = new LinkedHashMap<>();
          for (Map.Entry<String, RecordPreview> d : destinations.entrySet()) {
            made.put(d.getKey(), d.getValue().preview(e.getHeaders(), e.getBody()));
          }
          outputs.add(new SampleOutput(sample.line(), e.getBody(), e.getHeaders(), made));
        }
      }
      return outputs;
    }

    void close() {
      interceptors.forEach(Interceptor::close);
    }
  }

  /** The source's interceptors, built and configured as Flume's channel processor does. */
  private static List<Interceptor> interceptors(Map<String, String> properties, String prefix)
      throws IOException {
    List<Interceptor> chain = new ArrayList<>();
    String names = properties.getOrDefault(prefix + "interceptors", "").trim();
    if (names.isEmpty()) {
      return chain;
    }
    for (String name : names.split("\\s+")) {
      Context context =
          new Context(AgentProperties.under(properties, prefix + "interceptors." + name + "."));
      String type = context.getString("type");
      Interceptor.Builder builder;
      try {
        builder = InterceptorBuilderFactory.newInstance(type);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IOException("interceptor " + name + ": type " + type + " does not load: " + e);
      }
      builder.configure(context);
      Interceptor interceptor = builder.build();
      interceptor.initialize();
      chain.add(interceptor);
    }
    return chain;
  }

  /**
   * What downstream of the source can say which record an event becomes: its Kafka channels, and
   * the Kafka sinks that drain its other channels; by kind and name.
   */
  private static Map<String, RecordPreview> destinations(
      Map<String, String> properties, String agent, String sourcePrefix) {
    Map<String, RecordPreview> previews = new LinkedHashMap<>();
    List<String> channels =
        Arrays.asList(properties.getOrDefault(sourcePrefix + "channels", "").trim().split("\\s+"));
    for (String channel : channels) {
      String prefix = agent + ".channels." + channel + ".";
      String type = properties.get(prefix + "type");
      if (type == null) {
        continue;
      }
      Context context = new Context(AgentProperties.under(properties, prefix));
      UnstartedComponent.of("channels", channel, type, context, RecordPreview.class)
          .ifPresent(p -> previews.put("channel " + channel, p));
    }
    String sinks = properties.getOrDefault(agent + ".sinks", "").trim();
    for (String sink : sinks.isEmpty() ? new String[0] : sinks.split("\\s+")) {
      String prefix = agent + ".sinks." + sink + ".";
      String type = properties.get(prefix + "type");
      if (type == null || !channels.contains(properties.get(prefix + "channel"))) {
        continue;
      }
      Context context = new Context(AgentProperties.under(properties, prefix));
      UnstartedComponent.of("sinks", sink, type, context, RecordPreview.class)
          .ifPresent(p -> previews.put("sink " + sink, p));
    }
    return previews;
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
