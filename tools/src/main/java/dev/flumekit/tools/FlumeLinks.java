package dev.flumekit.tools;

import dev.flumekit.common.agent.ComponentKind;
import dev.flumekit.common.tooling.DeliveryLink;
import java.util.Locale;
import java.util.Set;
import org.apache.flume.Context;

/**
 * What Flume's own sources, channels and sinks keep of a flow, by their documented behaviour: the
 * links of the components that do not describe themselves ({@link DeliveryLink}).
 */
final class FlumeLinks {
  private FlumeLinks() {}

  static FlowGuarantee.Link link(ComponentKind kind, String name, String type, Context context) {
    String t = shortType(type);
    String what = kind.named(name);
    return switch (kind) {
      case SOURCE -> source(what, t, type.trim());
      case CHANNEL -> channel(what, t, context);
      default -> sink(what, t, type.trim(), context);
    };
  }

  private static FlowGuarantee.Link channel(String what, String type, Context context) {
    if (type.equals("file")
        && context != null
        && !context.getBoolean("fsyncPerTransaction", true)) {
      return new FlowGuarantee.Link(
          what,
          DeliveryLink.AT_MOST_ONCE,
          what
              + ": fsyncPerTransaction = false: what the file channel took is lost if the machine"
              + " goes down before the disk has it",
          false);
    }
    return switch (type) {
      case "memory", "spillablememory" ->
          new FlowGuarantee.Link(
              what,
              DeliveryLink.AT_MOST_ONCE,
              what
                  + ": a "
                  + type
                  + " channel loses what it holds when the agent stops or crashes (a file channel"
                  + " or flumekit's Kafka channel keeps it)",
              false);
      case "file", "jdbc" ->
          new FlowGuarantee.Link(
              what,
              DeliveryLink.EXACTLY_ONCE,
              what + ": Flume's " + type + " channel keeps what it holds on disk",
              false);
      default -> new FlowGuarantee.Link(what, null, null, false);
    };
  }

  private static FlowGuarantee.Link source(String what, String type, String named) {
    return switch (type) {
      case "exec" ->
          new FlowGuarantee.Link(
              what,
              DeliveryLink.AT_MOST_ONCE,
              what
                  + ": Flume's exec source keeps no position: what its command writes while the"
                  + " agent is down or the channel refuses is lost",
              false);
      case "netcat", "netcatudp", "syslogudp", "syslogtcp", "multiport_syslogtcp" ->
          new FlowGuarantee.Link(
              what,
              DeliveryLink.AT_MOST_ONCE,
              what + ": Flume's " + type + " source does not have its senders send again",
              false);
      case "taildir" ->
          new FlowGuarantee.Link(
              what,
              DeliveryLink.AT_MOST_ONCE,
              what
                  + ": Flume's TAILDIR misses a copytruncate rotation once the file has grown"
                  + " past its old size again (flumekit's TailSource does not)",
              false);
      case "avro",
              "thrift",
              "http",
              "spooldir",
              "jms",
              "seq",
              "org.apache.flume.source.kafka.kafkasource" ->
          new FlowGuarantee.Link(
              what,
              DeliveryLink.AT_LEAST_ONCE,
              what + ": Flume's " + named + " source: a batch the channel refused comes again",
              false);
      default -> new FlowGuarantee.Link(what, null, null, false);
    };
  }

  private static FlowGuarantee.Link sink(String what, String type, String named, Context context) {
    if (type.equals("org.apache.flume.sink.kafka.kafkasink")) {
      String acks = context == null ? null : context.getString("kafka.producer.acks");
      if (acks == null || !(acks.trim().equals("all") || acks.trim().equals("-1"))) {
        return new FlowGuarantee.Link(
            what,
            DeliveryLink.AT_MOST_ONCE,
            what
                + ": Flume's Kafka sink with kafka.producer.acks = "
                + (acks == null ? "1 (its default)" : acks.trim())
                + ": a record only its leader had is lost with it",
            false);
      }
    }
    if (type.equals("null")) {
      return new FlowGuarantee.Link(
          what,
          DeliveryLink.AT_MOST_ONCE,
          what + ": Flume's null sink discards every event",
          false);
    }
    if (!FLUME_SINKS.contains(type) && !type.startsWith("org.apache.flume.")) {
      return new FlowGuarantee.Link(what, null, null, false);
    }
    return new FlowGuarantee.Link(
        what,
        DeliveryLink.AT_LEAST_ONCE,
        what
            + ": Flume's "
            + named
            + " sink commits its channel transaction once delivered: a failure delivers the"
            + " batch again",
        false);
  }

  /** Flume's own sinks by alias: each commits its channel transaction once it delivered. */
  private static final Set<String> FLUME_SINKS =
      Set.of(
          "logger",
          "avro",
          "thrift",
          "hdfs",
          "file_roll",
          "hbase",
          "hbase2",
          "asynchbase",
          "irc",
          "http",
          "hive",
          "elasticsearch");

  /** Flume's alias, lower case, for its own classes' names; other classes as they are. */
  static String shortType(String type) {
    String t = type.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "org.apache.flume.channel.memorychannel" -> "memory";
      case "org.apache.flume.channel.file.filechannel" -> "file";
      case "org.apache.flume.channel.jdbc.jdbcchannel" -> "jdbc";
      case "org.apache.flume.channel.spillablememorychannel" -> "spillablememory";
      case "org.apache.flume.source.execsource" -> "exec";
      case "org.apache.flume.source.taildir.taildirsource" -> "taildir";
      case "org.apache.flume.source.netcatsource" -> "netcat";
      case "org.apache.flume.source.netcatudpsource" -> "netcatudp";
      case "org.apache.flume.source.syslogudpsource" -> "syslogudp";
      case "org.apache.flume.source.syslogtcpsource" -> "syslogtcp";
      case "org.apache.flume.source.multiportsyslogtcpsource" -> "multiport_syslogtcp";
      case "org.apache.flume.source.spooldirectorysource" -> "spooldir";
      case "org.apache.flume.source.avrosource" -> "avro";
      case "org.apache.flume.source.thriftsource" -> "thrift";
      case "org.apache.flume.source.http.httpsource" -> "http";
      case "org.apache.flume.sink.nullsink" -> "null";
      case "org.apache.flume.sink.loggersink" -> "logger";
      case "org.apache.flume.sink.rollingfilesink" -> "file_roll";
      default -> t;
    };
  }
}
