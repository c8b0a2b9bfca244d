package dev.flumekit.tools;

import dev.flumekit.common.agent.AgentFile;
import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.tooling.RecordPreview;
import dev.flumekit.common.tooling.SourcePreview;
import dev.flumekit.common.tooling.TakePreview;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.interceptor.Interceptor;
import org.apache.flume.interceptor.InterceptorBuilderFactory;

/** The agent's components a sample goes through: where it enters, what follows, in order. */
final class SamplePipeline {
  /** Samples enter at a sink: as its channel hands events over, not read by a source. */
  private final boolean intoSink;

  /** The source that reads samples, or null (then a line is an event). */
  private final SourcePreview source;

  /** For samples that enter at a sink: its channel (by name) when it reads Kafka, else null. */
  private final Map.Entry<String, TakePreview> channel;

  private final List<Interceptor> interceptors;
  private final Map<String, RecordPreview> destinations;

  private SamplePipeline(
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
  static SamplePipeline fromSource(
      Map<String, String> properties, String agent, String file, String name) throws IOException {
    String prefix = agent + ".sources." + name + ".";
    String type = properties.get(prefix + "type");
    if (type == null) {
      throw new IOException(file + " has no source " + name + " in agent " + agent);
    }
    SourcePreview reader =
        UnstartedComponent.of(
                ComponentKind.SOURCE,
                name,
                type,
                new Context(AgentFile.under(properties, prefix)),
                SourcePreview.class)
            .orElse(null);
    return new SamplePipeline(
        false,
        null,
        reader,
        interceptors(properties, prefix),
        destinations(properties, agent, prefix));
  }

  /** Samples that enter at sink {@code name}, as its channel would hand them over. */
  static SamplePipeline intoSink(
      Map<String, String> properties, String agent, String file, String name) throws IOException {
    String prefix = agent + ".sinks." + name + ".";
    String type = properties.get(prefix + "type");
    if (type == null) {
      throw new IOException(file + " has no sink " + name + " in agent " + agent);
    }
    Map<String, RecordPreview> destinations = new LinkedHashMap<>();
    UnstartedComponent.of(
            ComponentKind.SINK,
            name,
            type,
            new Context(AgentFile.under(properties, prefix)),
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
                    ComponentKind.CHANNEL,
                    channel,
                    channelType,
                    new Context(AgentFile.under(properties, agent + ".channels." + channel + ".")),
                    TakePreview.class)
                .orElse(null);
    return new SamplePipeline(
        true, take == null ? null : Map.entry(channel, take), null, List.of(), destinations);
  }

  /** Each event the samples in {@code input} become, in order. */
  List<SampleOutput> run(Path input) throws IOException {
    List<SampleEvent> events =
        intoSink ? SampleInputs.ofSink(input) : SampleInputs.ofSource(source, input);
    List<SampleOutput> outputs = new ArrayList<>();
    for (SampleEvent sample : events) {
      String notTaken = notTaken(sample);
      if (notTaken != null) {
        outputs.add(SampleOutput.notTaken(sample.line(), notTaken));
        continue;
      }
      List<Event> out = new ArrayList<>();
      out.add(handedOver(sample));
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

  /** Why a sample sent as a record never reaches the sink, or null when it does. */
  private String notTaken(SampleEvent sample) {
    SampleEvent.Record r = sample.record();
    if (r == null) {
      return null;
    }
    if (r.deadLetter() != null) {
      return "a dead letter where it was sent: " + r.deadLetter();
    }
    if (channel != null && taken(sample) == null) {
      return "sent to topic "
          + r.topic()
          + ", which channel "
          + channel.getKey()
          + " does not read";
    }
    return null;
  }

  /** The event as it enters: as the sink's Kafka channel takes its record, or as given. */
  private Event handedOver(SampleEvent sample) {
    if (sample.record() == null || channel == null) {
      return EventBuilder.withBody(sample.body(), sample.headers());
    }
    Map.Entry<Map<String, String>, byte[]> taken = taken(sample);
    return EventBuilder.withBody(taken.getValue(), new HashMap<>(taken.getKey()));
  }

  /** What the sink's channel takes of the sample's record; null when it does not read its topic. */
  private Map.Entry<Map<String, String>, byte[]> taken(SampleEvent sample) {
    SampleEvent.Record r = sample.record();
    // the partition the key's hash picks is not known offline: 0 stands for it
    return channel
        .getValue()
        .taken(
            r.topic(),
            Math.max(r.partition(), 0),
            r.key(),
            r.timestamp(),
            sample.headers(),
            sample.body());
  }

  void close() {
    interceptors.forEach(Interceptor::close);
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
          new Context(AgentFile.under(properties, prefix + "interceptors." + name + "."));
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
    Set<String> channels = AgentFile.words(properties.get(sourcePrefix + "channels"));
    for (String channel : channels) {
      String prefix = agent + ".channels." + channel + ".";
      String type = properties.get(prefix + "type");
      if (type == null) {
        continue;
      }
      Context context = new Context(AgentFile.under(properties, prefix));
      UnstartedComponent.of(ComponentKind.CHANNEL, channel, type, context, RecordPreview.class)
          .ifPresent(p -> previews.put("channel " + channel, p));
    }
    for (String sink : AgentFile.components(properties, agent, ComponentKind.SINK)) {
      String prefix = agent + ".sinks." + sink + ".";
      String type = properties.get(prefix + "type");
      if (type == null || !channels.contains(properties.get(prefix + "channel"))) {
        continue;
      }
      Context context = new Context(AgentFile.under(properties, prefix));
      UnstartedComponent.of(ComponentKind.SINK, sink, type, context, RecordPreview.class)
          .ifPresent(p -> previews.put("sink " + sink, p));
    }
    return previews;
  }
}
