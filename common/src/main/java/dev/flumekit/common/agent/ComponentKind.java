package dev.flumekit.common.agent;

import java.util.List;
import java.util.Optional;

/**
 * A kind of component an agent's configuration lists: how the file names its list ({@code
 * a1.sources}), how messages name one ({@code source tail}) and how Flume's monitoring names one
 * ({@code SOURCE.tail}).
 */
public enum ComponentKind {
  SOURCE("sources", "source"),
  CHANNEL("channels", "channel"),
  SINK("sinks", "sink"),
  SINK_GROUP("sinkgroups", "sink group"),
  CONFIG_FILTER("configfilters", "configuration filter");

  /** The kinds Flume runs and monitors; sink groups and configuration filters only organise. */
  public static final List<ComponentKind> RUNNING = List.of(SOURCE, CHANNEL, SINK);

  private final String list;
  private final String word;

  ComponentKind(String list, String word) {
    this.list = list;
    this.word = word;
  }

  /** The agent-level key that lists the components of this kind: {@code sources}. */
  public String list() {
    return list;
  }

  /** How a message names one: {@code source}. */
  public String word() {
    return word;
  }

  /** How Flume's monitoring names the kind of a source, channel or sink: {@code SOURCE}. */
  public String monitored() {
    return name().replace("_", "");
  }

  /** The component a message names, {@code source tail}. */
  public String named(String name) {
    return word + " " + name;
  }

  /** The kind whose agent-level list key is {@code list} ({@code sources}), if any. */
  public static Optional<ComponentKind> ofList(String list) {
    for (ComponentKind kind : values()) {
      if (kind.list.equals(list)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code monitored}, a kind as Flume's monitoring names it, is this one. */
  public boolean isMonitored(String monitored) {
    return monitored().equals(monitored);
  }
}
