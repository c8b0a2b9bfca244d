package dev.flumekit.kafka.sink;

import java.util.Locale;

/** What writes with the sink's send path: the Kafka sink, or the Kafka channel's put side. */
public enum WriterRole {
  SINK,
  CHANNEL;

  /** As messages and default ids name it: "sink", "channel". */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** As log lines start: "Sink", "Channel". */
  public String title() {
    return name().charAt(0) + word().substring(1);
  }
}
