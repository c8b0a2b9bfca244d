package dev.flumekit.tools;

import dev.flumekit.common.json.JsonText;
import dev.flumekit.common.tooling.RecordPreview;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.apache.flume.interceptor.InterceptorBuilderFactory;

/**
 * {@code bin/flumekit-agent test -n NAME -f FILE --source SRC --input LINES [--expect EXPECTED]}:
 * feeds sample lines through a source's interceptor chain as configured (flumekit's interceptors
 * and Flume's own) and prints each resulting event, a JSON object a line: its body, headers, and
 * the record each Kafka channel or Kafka sink downstream of the source would make of it (topic,
 * key, partition, or why it would be a dead letter). With {@code --expect}, the printed lines are
 * compared with the file's, and any difference fails. Exit status 0, 1 on a difference, 2 on a
 * usage or configuration error.
 */
public final class SampleRun {
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
    String source = options.get("--source");
    String input = options.get("--input");
    if (agent == null || file == null || source == null || input == null || args.length % 2 != 0) {
      err.println(
          "usage: flumekit-agent test -n NAME -f FILE --source SRC --input LINES [--expect"
              + " EXPECTED]");
      return ConfigCheck.USAGE;
    }
    try {
      Map<String, String> properties = AgentProperties.read(Paths.get(file));
      String prefix = agent + ".sources." + source + ".";
      if (!properties.containsKey(prefix + "type")) {
        err.println("test: " + file + " has no source " + source + " in agent " + agent);
        return ConfigCheck.USAGE;
      }
      List<Interceptor> chain = interceptors(properties, prefix);
      Map<String, RecordPreview> destinations = destinations(properties, agent, prefix);
      List<String> printed = new ArrayList<>();
      List<String> lines = Files.readAllLines(Paths.get(input), StandardCharsets.UTF_8);
      for (int n = 0; n < lines.size(); n++) {
        List<Event> events = new ArrayList<>();
        events.add(
            EventBuilder.withBody(lines.get(n).getBytes(StandardCharsets.UTF_8), new HashMap<>()));
        for (Interceptor i : chain) {
          events = i.intercept(events);
        }
        if (events.isEmpty()) {
          printed.add("{\"line\":" + (n + 1) + ",\"dropped\":true}");
        }
        for (Event e : events) {
          printed.add(json(n + 1, e, destinations));
        }
      }
      chain.forEach(Interceptor::close);
      printed.forEach(out::println);
      String expect = options.get("--expect");
      return expect == null
          ? ConfigCheck.OK
          : compare(printed, Files.readAllLines(Paths.get(expect), StandardCharsets.UTF_8), err);
    } catch (IOException e) {
      err.println("test: " + e.getMessage());
      return ConfigCheck.USAGE;
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

  /** One resulting event: body, headers in name order, and each destination's record. */
  static String json(int line, Event e, Map<String, RecordPreview> destinations) {
    StringBuilder j = new StringBuilder("{\"line\":").append(line).append(",\"body\":");
    JsonText.quote(j, new String(e.getBody(), StandardCharsets.UTF_8));
    j.append(",\"headers\":");
    object(j, new TreeMap<>(e.getHeaders()));
    for (Map.Entry<String, RecordPreview> d : destinations.entrySet()) {
      j.append(',');
      JsonText.quote(j, d.getKey());
      j.append(':');
      object(j, d.getValue().preview(e.getHeaders(), e.getBody()));
    }
    return j.append('}').toString();
  }

  private static void object(StringBuilder j, Map<String, String> fields) {
    j.append('{');
    boolean first = true;
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (!first) {
        j.append(',');
      }
      first = false;
      JsonText.quote(j, f.getKey());
      j.append(':');
      JsonText.quote(j, f.getValue());
    }
    j.append('}');
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
