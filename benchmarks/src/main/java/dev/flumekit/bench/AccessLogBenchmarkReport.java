package dev.flumekit.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AccessLogInterceptorBenchmark} with the GC profiler and prints, per contender,
 * events/s, MiB/s of log text, bytes allocated per event (the event itself included) and the ratio
 * to Flume's regex_extractor. Arguments: [corpus lines] [measurement iterations].
 */
public final class AccessLogBenchmarkReport {
  private AccessLogBenchmarkReport() {}

  public static void main(String[] args) throws Exception {
    String corpus = args.length > 0 ? args[0] : "1000000";
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(AccessLogInterceptorBenchmark.class.getSimpleName() + ".intercept")
            .param("corpusLines", corpus)
            .measurementIterations(iterations)
            .addProfiler(GCProfiler.class);
    Collection<RunResult> results = new Runner(options.build()).run();
    double meanBytes = AccessLogInterceptorBenchmark.meanLineBytes(Integer.parseInt(corpus));
    Map<String, double[]> byContender = new LinkedHashMap<>();
    for (RunResult run : results) {
      String contender = run.getParams().getParam("contender");
      Result<?> primary = run.getPrimaryResult();
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      byContender.put(
          contender,
          new double[] {
            primary.getScore(),
            primary.getScoreError(),
            alloc == null ? Double.NaN : alloc.getScore()
          });
    }
    double regex = byContender.getOrDefault("regex_extractor", new double[] {Double.NaN})[0];
    System.out.printf(
        "%nAccess-log parsing, one thread, %s distinct combined-format lines, mean %.1f bytes%n",
        corpus, meanBytes);
    System.out.printf(
        "%-16s %14s %10s %12s %16s%n",
        "contender", "events/s", "MiB/s", "B/event", "vs regex_extractor");
    for (Map.Entry<String, double[]> e : byContender.entrySet()) {
      double[] r = e.getValue();
      System.out.printf(
          "%-16s %,14.0f %10.1f %12.0f %15.2fx%n",
          e.getKey(), r[0], r[0] * meanBytes / (1 << 20), r[2], r[0] / regex);
    }
  }
}
