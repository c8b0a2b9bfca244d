package dev.flumekit.monitoring.server;

import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every component's MBean attributes as Prometheus metrics ({@link MetricNaming}), labelled {@code
 * agent}, {@code component} and {@code type} (the class or alias the configuration gives; an
 * interceptor's name, type and {@code source} found by {@link InterceptorNames}); text attributes
 * as histograms ({@code ...Histogram}) or a value per partition or file ({@link TextAttribute});
 * whether each configured component runs ({@code flume_component_up}) or is stalled ({@code
 * flume_component_stalled}); and when each sink last delivered.
 */
final class FlumeMetricsCollector implements MultiCollector {
  /** The kinds of component that can stall, each with a flume_component_stalled series. */
  private static final Set<String> STALLABLE =
      ComponentKind.RUNNING.stream().map(ComponentKind::monitored).collect(Collectors.toSet());

  private final AgentWatch watch;
  private final Supplier<List<ComponentReading>> readings;
  private final LongSupplier clock;

  FlumeMetricsCollector(
      AgentWatch watch, Supplier<List<ComponentReading>> readings, LongSupplier clock) {
    this.watch = watch;
    this.readings = readings;
    this.clock = clock;
  }

  /** One metric family being built: its kind and help, and a value per label set. */
  private static final class Family {
    final boolean counter;
    final String help;
    final Map<Labels, Double> points = new TreeMap<>();

    Family(boolean counter, String help) {
      this.counter = counter;
      this.help = help;
    }

    MetricSnapshot snapshot(String name) {
      if (counter) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.forEach(
            (labels, v) ->
                b.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(v).build()));
        return b.build();
      }
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
      points.forEach(
          (labels, v) ->
              b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(v).build()));
      return b.build();
    }
  }

  @Override
  public MetricSnapshots collect() {
    List<ComponentReading> now = readings.get();
    long nowMillis = clock.getAsLong();
    AgentLayout layout = watch.layout(now, nowMillis);
    Health health = watch.health(now, nowMillis);
    Map<String, Family> families = new TreeMap<>();
    Map<String, HistogramFamily> histograms = new TreeMap<>();
    Map<String, AgentLayout.Interceptor> interceptors =
        InterceptorNames.match(layout.interceptors(), now);
    for (ComponentReading r : now) {
      AgentLayout.Interceptor interceptor =
          r.kind().equals("INTERCEPTOR") ? interceptors.get(r.name()) : null;
      Labels labels =
          interceptor == null
              ? labels(layout, r.kind(), r.name())
              : Labels.of(
                  "agent",
                  layout.agent(),
                  "component",
                  interceptor.name(),
                  "source",
                  interceptor.source(),
                  "type",
                  interceptor.type());
      for (Map.Entry<String, Object> a : r.attributes().entrySet()) {
        if (a.getValue() instanceof Number n) {
          MetricNaming.Metric m = MetricNaming.of(r.kind(), a.getKey());
          families
              .computeIfAbsent(m.name(), x -> new Family(m.counter(), m.help()))
              .points
              .put(labels, n.doubleValue() * m.scale());
        } else if (a.getValue() instanceof String text) {
          addText(families, histograms, r.kind(), labels, a.getKey(), text);
        }
      }
    }
    Family up =
        families.computeIfAbsent(
            "flume_component_up",
            x -> new Family(false, "1 when a configured component runs, 0 when it does not"));
    Map<String, ComponentReading> byKey = new TreeMap<>();
    now.forEach(r -> byKey.put(r.key(), r));
    for (AgentLayout.Component c : layout.components().values()) {
      ComponentReading r = byKey.get(c.key());
      up.points.put(
          labels(layout, c.kind(), c.name()).add("kind", c.kind().toLowerCase(Locale.ROOT)),
          r != null && r.running() ? 1.0 : 0.0);
    }
    Family delivered =
        families.computeIfAbsent(
            "flume_sink_last_delivery_timestamp_seconds",
            x ->
                new Family(
                    false,
                    "When the sink last delivered events (its EventDrainSuccessCount grew), in"
                        + " seconds since the epoch"));
    for (ComponentReading r : now) {
      if (ComponentKind.SINK.isMonitored(r.kind())) {
        OptionalLong at = watch.deliveries().lastDelivery(r.key());
        if (at.isPresent()) {
          delivered.points.put(labels(layout, r.kind(), r.name()), at.getAsLong() / 1000.0);
        }
      }
    }
    Family stalled =
        families.computeIfAbsent(
            "flume_component_stalled",
            x ->
                new Family(
                    false,
                    "1 when the component has been stalled for health.deliveryTimeoutSeconds: a"
                        + " sink delivering nothing while its channel holds events, a write waiting"
                        + " for Kafka, a source putting nothing while its files grow"));
    for (ComponentReading r : now) {
      if (STALLABLE.contains(r.kind()) && r.running()) {
        stalled.points.put(
            labels(layout, r.kind(), r.name()).add("kind", r.kind().toLowerCase(Locale.ROOT)),
            health.stalled().contains(r.key()) ? 1.0 : 0.0);
      }
    }
    families
        .computeIfAbsent(
            "flume_agent_healthy",
            x -> new Family(false, "1 when /health answers 200, 0 when it answers 503"))
        .points
        .put(Labels.of("agent", layout.agent()), health.ok() ? 1.0 : 0.0);
    List<MetricSnapshot> snapshots = new ArrayList<>();
    families.forEach((name, f) -> snapshots.add(f.snapshot(name)));
    histograms.forEach((name, h) -> snapshots.add(h.snapshot(name)));
    return new MetricSnapshots(snapshots);
  }

  /** A text attribute: a histogram, a value per partition or file, or nothing to export. */
  private static void addText(
      Map<String, Family> families,
      Map<String, HistogramFamily> histograms,
      String kind,
      Labels labels,
      String attribute,
      String text) {
    Optional<String> histogram = MetricNaming.histogram(kind, attribute);
    if (histogram.isPresent()) {
      Histogram.parse(text)
          .ifPresent(
              h ->
                  histograms
                      .computeIfAbsent(
                          histogram.get(),
                          x -> new HistogramFamily(MetricNaming.help(kind, attribute)))
                      .points
                      .put(labels, h));
      return;
    }
    TextAttribute.of(attribute)
        .ifPresent(
            t -> {
              String name = "flume_" + kind.toLowerCase(Locale.ROOT) + "_" + t.suffix();
              Family f = families.computeIfAbsent(name, x -> new Family(false, t.help()));
              for (TextAttribute.Value v : t.values(text)) {
                f.points.put(labels.merge(v.labels()), v.value());
              }
            });
  }

  /** A histogram family being built: a reading per label set. */
  private static final class HistogramFamily {
    final String help;
    final Map<Labels, Histogram.Reading> points = new TreeMap<>();

    HistogramFamily(String help) {
      this.help = help;
    }

    MetricSnapshot snapshot(String name) {
      HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(name).help(help);
      points.forEach(
          (labels, h) -> {
            long[] counts = new long[h.bounds().length];
            long below = 0;
            for (int i = 0; i < counts.length; i++) {
              counts[i] = h.cumulativeCounts()[i] - below;
              below = h.cumulativeCounts()[i];
            }
            b.dataPoint(
                HistogramDataPointSnapshot.builder()
                    .labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(h.bounds(), counts))
                    .sum(h.sum())
                    .build());
          });
      return b.build();
    }
  }

  private static Labels labels(AgentLayout layout, String kind, String name) {
    String type =
        layout.component(kind + "." + name).map(AgentLayout.Component::type).orElse("unknown");
    return Labels.of("agent", layout.agent(), "component", name, "type", type);
  }
}
