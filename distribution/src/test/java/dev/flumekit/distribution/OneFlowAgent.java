package dev.flumekit.distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of the tests' simplest agents: {@code a1} with one flow, source {@code r1} →
 * channel {@code c1} → sink {@code k1}. Each component is given as its keys without the {@code
 * a1.<kind>.<name>.} prefix ({@code "type = memory"}); the bindings are added here.
 */
final class OneFlowAgent {
  private OneFlowAgent() {}

  static String conf(List<String> source, List<String> channel, List<String> sink) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "a1.sources = r1",
                "a1.channels = c1",
                "a1.sinks = k1",
                "a1.sources.r1.channels = c1",
                "a1.sinks.k1.channel = c1"));
    source.forEach(l -> lines.add("a1.sources.r1." + l));
    channel.forEach(l -> lines.add("a1.channels.c1." + l));
    sink.forEach(l -> lines.add("a1.sinks.k1." + l));
    return String.join("\n", lines) + "\n";
  }

  /** flumekit's tail source on one file group {@code app}, with more keys if given. */
  static List<String> tailSource(Object glob, Path positions, String... more) {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "type = dev.flumekit.source.TailSource",
                "filegroups = app",
                "filegroups.app = " + glob,
                "positionFile = " + positions));
    keys.addAll(List.of(more));
    return keys;
  }

  /**
   * Flume's file_roll sink into {@code out}, one file for the whole run, with more keys if given.
   */
  static List<String> fileRoll(Path out, String... more) {
    List<String> keys =
        new ArrayList<>(
            List.of("type = file_roll", "sink.directory = " + out, "sink.rollInterval = 0"));
    keys.addAll(List.of(more));
    return keys;
  }

  /** Flume's file channel with its directories under {@code dir}. */
  static List<String> fileChannel(Path dir, String... more) {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "type = file",
                "checkpointDir = " + dir.resolve("checkpoint"),
                "dataDirs = " + dir.resolve("data")));
    keys.addAll(List.of(more));
    return keys;
  }
}
