package dev.flumekit.hbase.sink;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigPrefix;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.SinkKeys;
import dev.flumekit.common.config.Validator;
import dev.flumekit.common.config.ValueType;
import dev.flumekit.common.deadletter.DeadLetterPolicy;
import dev.flumekit.common.retry.RetryPolicy;
import dev.flumekit.hbase.HBaseEventSerializer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** The HBase sink's configuration: every key declared once, parsed once, immutable. */
public final class HBaseSinkConfig extends ComponentConfig {
  /** How writes reach the write-ahead log; HBase's own Durability names. */
  public enum WalDurability {
    USE_DEFAULT,
    SKIP_WAL,
    ASYNC_WAL,
    SYNC_WAL,
    FSYNC_WAL
  }

  /** How often a line adds to the counters when it reaches the sink more than once. */
  public enum CounterGuarantee {
    AT_LEAST_ONCE("at-least-once"),
    EXACTLY_ONCE("exactly-once");

    final String spelling;

    CounterGuarantee(String spelling) {
      this.spelling = spelling;
    }
  }

  static final String AUTO_ROW_KEY = "auto";

  public static final ConfigKey<String> TABLE =
      ConfigKey.builder("table", ValueType.NON_EMPTY_STRING)
          .required()
          .validator(HBaseNames.TABLE)
          .doc("Table to write to, as name or namespace:name. Must exist when the sink starts.")
          .build();

  public static final ConfigKey<String> COLUMN_FAMILY =
      ConfigKey.builder("columnFamily", ValueType.NON_EMPTY_STRING)
          .required()
          .validator(HBaseNames.FAMILY)
          .doc("Column family of the event cells. Must exist in the table when the sink starts.")
          .build();

  public static final ConfigKey<Integer> BATCH_SIZE =
      SinkKeys.batchSize("batchSize")
          .doc(
              "Events taken from the channel in one transaction; it commits only after the"
                  + " mutations of all of them are flushed to HBase (or dead-lettered).")
          .build();

  public static final ConfigKey<String> ZOOKEEPER_QUORUM =
      ConfigKey.builder("zookeeperQuorum", ValueType.NON_EMPTY_STRING)
          .doc(
              "ZooKeeper quorum of the cluster, host:port[,host:port]. Unset: hbase-site.xml on the"
                  + " class path, or hbase.zookeeper.quorum.")
          .build();

  public static final ConfigKey<String> ZNODE_PARENT =
      ConfigKey.builder("znodeParent", ValueType.NON_EMPTY_STRING)
          .doc("The cluster's root znode (zookeeper.znode.parent). Unset: /hbase.")
          .build();

  public static final ConfigKey<Boolean> ENABLE_WAL =
      ConfigKey.builder("enableWal", ValueType.BOOLEAN)
          .defaultValue(true)
          .doc("Flume's key: false is durability=SKIP_WAL (fast, lost if a region server dies).")
          .build();

  public static final ConfigKey<WalDurability> DURABILITY =
      ConfigKey.builder("durability", ValueType.enumOf(WalDurability.class, d -> List.of(d.name())))
          .defaultValue(WalDurability.USE_DEFAULT)
          .doc("Write-ahead-log durability of every mutation. USE_DEFAULT: the table's setting.")
          .build();

  public static final ConfigKey<String> KERBEROS_PRINCIPAL =
      ConfigKey.builder("kerberosPrincipal", ValueType.NON_EMPTY_STRING)
          .doc("Kerberos principal to log in as, with kerberosKeytab.")
          .build();

  public static final ConfigKey<String> KERBEROS_KEYTAB =
      ConfigKey.builder("kerberosKeytab", ValueType.NON_EMPTY_STRING)
          .secret()
          .doc("Keytab file of kerberosPrincipal. A secret: messages show [hidden] instead.")
          .build();

  public static final ConfigKey<List<String>> SERIALIZER =
      ConfigKey.builder("serializer", ValueType.LIST)
          .defaultValue(List.of("events"))
          .defaultDoc("events")
          .doc(
              "What each event becomes: events (a row of cells per event, see rowKey), counters"
                  + " (increments, see counterRow), both (events,counters), or the class name of"
                  + " an HBaseEventSerializer, which gets the serializer.* properties.")
          .build();

  public static final ConfigKey<String> ROW_KEY =
      ConfigKey.builder("rowKey", ValueType.NON_EMPTY_STRING)
          .defaultValue(AUTO_ROW_KEY)
          .doc(
              "Row key of an event's cells: text with %{header}, %{header:N} (zero-padded to N),"
                  + " %{time:yyyyMMdd} (event time), %{reversedTime}, %{hash} (of the body),"
                  + " %{salt:N} (bucket 0..N-1 from the rest of the key). auto:"
                  + " %{topic}/%{partition}/%{offset:20} when the event came from Kafka (flumekit's"
                  + " Kafka source sets these), else"
                  + " %{time:yyyyMMddHHmmssSSS}/%{hash}; either way a replay overwrites the same"
                  + " rows. With counterGuarantee = exactly-once it must contain the line id"
                  + " (auto: %{lineId}), so a line re-sent by a collector overwrites its row too.")
          .build();

  public static final ConfigKey<String> BODY_COLUMN =
      ConfigKey.builder("bodyColumn", ValueType.STRING)
          .defaultValue("body")
          .doc("Column of the event body. Empty: the body is not stored.")
          .build();

  public static final ConfigKey<String> HEADER_COLUMNS =
      ConfigKey.builder("headerColumns", ValueType.NON_EMPTY_STRING)
          .defaultValue("all")
          .doc("Headers stored as columns of the same name: all, none, or a comma-separated list.")
          .build();

  public static final ConfigKey<Boolean> EVENT_TIME_CELLS =
      ConfigKey.builder("eventTimeCells", ValueType.BOOLEAN)
          .defaultValue(true)
          .doc(
              "Cell versions carry the event time (header timestamp) when the event has one;"
                  + " false: the server's time.")
          .build();

  public static final ConfigKey<Long> TTL_MS =
      ConfigKey.builder("ttlMs", ValueType.LONG)
          .defaultValue(0L)
          .validator(Validator.atLeast(0L))
          .doc("Time to live of every cell written, in ms. 0: the column family's TTL.")
          .build();

  public static final ConfigKey<String> COUNTER_ROW =
      ConfigKey.builder("counterRow", ValueType.NON_EMPTY_STRING)
          .doc(
              "With serializer counters: the row of the counter an event adds to, a template as"
                  + " in rowKey, e.g. %{time:yyyyMMdd}_%{course}.")
          .build();

  public static final ConfigKey<String> COUNTER_COLUMN =
      ConfigKey.builder("counterColumn", ValueType.NON_EMPTY_STRING)
          .defaultValue("count")
          .doc("With serializer counters: the counter's column, a template, e.g. clicks.")
          .build();

  public static final ConfigKey<String> COUNTER_AMOUNT_HEADER =
      ConfigKey.builder("counterAmountHeader", ValueType.NON_EMPTY_STRING)
          .doc("Header holding the integer an event adds (e.g. bytes). Unset: 1 per event.")
          .build();

  public static final ConfigKey<String> COUNTER_COLUMN_FAMILY =
      ConfigKey.builder("counterColumnFamily", ValueType.NON_EMPTY_STRING)
          .validator(HBaseNames.FAMILY)
          .defaultDoc("columnFamily")
          .doc("Column family of the counters.")
          .build();

  public static final ConfigKey<CounterGuarantee> COUNTER_GUARANTEE =
      ConfigKey.builder(
              "counterGuarantee",
              ValueType.enumOf(CounterGuarantee.class, g -> List.of(g.spelling)))
          .defaultValue(CounterGuarantee.AT_LEAST_ONCE)
          .defaultDoc("at-least-once")
          .doc(
              "exactly-once: a line adds to a counter once, however often it arrives (a loader"
                  + " replaying a batch after a crash, a collector re-sending lines): each counter"
                  + " row remembers the last line position it counted per line sequence and"
                  + " Kafka partition, and its counters and that marker change in one conditional"
                  + " write. Needs events with a line id (lineIdHeader), one batch in flight, and"
                  + " row keys made of the line id. at-least-once: plain increments, a replayed"
                  + " event counts again.")
          .build();

  public static final ConfigKey<String> LINE_ID_HEADER =
      ConfigKey.builder("lineIdHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("lineId")
          .doc(
              "With counterGuarantee = exactly-once: the header holding each event's line id,"
                  + " <stream>:<position> (the tail source's lineIdHeader, <file id>:<byte"
                  + " offset>; another source may name its own, positions rising along a stream)."
                  + " An event without one is a dead letter.")
          .build();

  public static final ConfigKey<Long> MARKER_RETENTION_DAYS =
      ConfigKey.builder("markerRetentionDays", ValueType.LONG)
          .defaultValue(7L)
          .validator(Validator.atLeast(0L))
          .doc(
              "With counterGuarantee = exactly-once: a counter row's marker of a line sequence (a"
                  + " log file in a Kafka partition) that has not moved for this many days is"
                  + " deleted with the row's next write, so rows written for ever (a counterRow"
                  + " without a day) do not grow for ever. Safe while no copy of a line arrives"
                  + " later than that after its first copy was counted: copies come from a"
                  + " restarted collector (its last unsaved batch) and loader (its uncommitted"
                  + " batch). Counted as MarkersExpired. 0: never.")
          .build();

  public static final ConfigKey<String> TOPIC_HEADER =
      ConfigKey.builder("topicHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("topic")
          .doc(
              "With counterGuarantee = exactly-once: the header naming the Kafka topic an event"
                  + " came through (the Kafka channel's or source's topicHeader); with the"
                  + " partition header it makes each Kafka partition a sequence of its own. An"
                  + " event with a partition header but without this one is a dead letter.")
          .build();

  public static final ConfigKey<ZoneId> TIMEZONE =
      ConfigKey.builder("timezone", ValueType.ZONE_ID)
          .defaultValue(ZoneOffset.UTC)
          .defaultDoc("UTC")
          .doc("Zone of %{time:...} in templates (which day a click counts for).")
          .build();

  public static final ConfigKey<Integer> IN_FLIGHT_BATCHES =
      SinkKeys.inFlightBatches()
          .defaultDoc("2; 1 when counterGuarantee = exactly-once")
          .doc(
              "Channel batches written at once, each in its own channel transaction, worker thread"
                  + " and write buffer: while HBase stores one, the next is taken and serialized."
                  + " Counters stay exact (increments add up in any order); rows carry no order."
                  + " On a Kafka channel the workers take through the channel's one consumer of the"
                  + " group, which they share. 1 writes a batch only once the previous one is"
                  + " committed; exactly-once counting needs 1 (a line's copies must be counted in"
                  + " the order they arrive).")
          .build();

  public static final ConfigKey<Long> WRITE_BUFFER_BYTES =
      ConfigKey.builder("writeBufferBytes", ValueType.LONG)
          .defaultValue(4L << 20)
          .validator(Validator.atLeast(1024L))
          .doc("Client write buffer: mutations are sent when this many bytes are buffered.")
          .build();

  public static final ConfigKey<DeadLetterPolicy> DEAD_LETTER =
      SinkKeys.deadLetter(
          EnumSet.of(
              DeadLetterPolicy.Kind.FILE, DeadLetterPolicy.Kind.DROP, DeadLetterPolicy.Kind.FAIL),
          "An event HBase refuses for good (row key or cell too large, unknown column family)"
              + " or that cannot be mapped (template header absent): file:<dir> appends it"
              + " with the reason as a JSON line to <dir>/<sink>-<day>.jsonl; drop logs and"
              + " counts it; fail rolls the batch back and retries it for ever. The directory is"
              + " created (0700, files 0600) at start, or the sink refuses to start.");

  public static final SinkKeys.RetryKeys RETRIES =
      SinkKeys.retries(
          "Times the sink re-sends mutations that failed with a retriable error (region"
              + " moved, server down, timeout) after the client's own retries. -1: until they"
              + " succeed; nothing is lost. Otherwise they then go to the dead-letter policy.",
          1000L,
          30000L);

  public static final ConfigPrefix HBASE =
      new ConfigPrefix(
          "hbase.",
          "Passed to the HBase client configuration as is, e.g. hbase.client.retries.number,"
              + " hbase.rpc.timeout.");

  public static final ConfigPrefix SERIALIZER_PROPERTIES =
      new ConfigPrefix("serializer.", "Properties of a custom HBaseEventSerializer.");

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(TABLE)
          .key(COLUMN_FAMILY)
          .key(BATCH_SIZE)
          .key(ZOOKEEPER_QUORUM)
          .key(ZNODE_PARENT)
          .key(ENABLE_WAL)
          .key(DURABILITY)
          .key(KERBEROS_PRINCIPAL)
          .key(KERBEROS_KEYTAB)
          .key(SERIALIZER)
          .key(ROW_KEY)
          .key(BODY_COLUMN)
          .key(HEADER_COLUMNS)
          .key(EVENT_TIME_CELLS)
          .key(TTL_MS)
          .key(COUNTER_ROW)
          .key(COUNTER_COLUMN)
          .key(COUNTER_AMOUNT_HEADER)
          .key(COUNTER_COLUMN_FAMILY)
          .key(COUNTER_GUARANTEE)
          .key(LINE_ID_HEADER)
          .key(TOPIC_HEADER)
          .key(MARKER_RETENTION_DAYS)
          .key(TIMEZONE)
          .key(WRITE_BUFFER_BYTES)
          .key(IN_FLIGHT_BATCHES)
          .key(DEAD_LETTER)
          .key(SinkKeys.DEAD_LETTER_FILES.maxFileBytes())
          .key(SinkKeys.DEAD_LETTER_FILES.retentionDays())
          .key(RETRIES.maxRetries())
          .key(RETRIES.backoffMs())
          .key(RETRIES.backoffMaxMs())
          .prefix(HBASE)
          .prefix(SERIALIZER_PROPERTIES)
          .build();

  /**
   * The values of the keys whose value depends on other keys, as they apply: {@link #DURABILITY}
   * (SKIP_WAL with enableWal = false), {@link #IN_FLIGHT_BATCHES} (its default depends on the
   * counter guarantee), {@link #COUNTER_COLUMN_FAMILY} (the columnFamily when unset).
   */
  private final Map<ConfigKey<?>, Object> effective;

  private final List<HBaseEventSerializer> serializers;
  private final RetryPolicy retries;

  private HBaseSinkConfig(
      String sinkName,
      ParsedConfig values,
      WalDurability durability,
      List<HBaseEventSerializer> serializers,
      RetryPolicy retries) {
    super("HBase sink " + sinkName, values);
    this.effective =
        Map.of(
            DURABILITY,
            durability,
            IN_FLIGHT_BATCHES,
            values.optional(IN_FLIGHT_BATCHES).orElse(exactlyOnce(values) ? 1 : 2),
            COUNTER_COLUMN_FAMILY,
            values.optional(COUNTER_COLUMN_FAMILY).orElse(values.get(COLUMN_FAMILY)));
    this.serializers = List.copyOf(serializers);
    this.retries = retries;
  }

  /**
   * The key's value as it applies, its default when absent: for a key whose value depends on others
   * (durability, inFlightBatches, counterColumnFamily) the value those others make of it.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Object value = effective.get(key);
    return value != null ? (T) value : super.get(key);
  }

  static boolean exactlyOnce(ParsedConfig c) {
    return c.get(COUNTER_GUARANTEE) == CounterGuarantee.EXACTLY_ONCE;
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static HBaseSinkConfig parse(String sinkName, Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    WalDurability durability = c.get(DURABILITY);
    if (Boolean.FALSE.equals(c.get(ENABLE_WAL))) {
      if (raw.containsKey(DURABILITY.name()) && durability != WalDurability.SKIP_WAL) {
        problems.add("enableWal = false and durability = " + durability + " conflict: set one");
      }
      durability = WalDurability.SKIP_WAL;
    }
    if ((c.get(KERBEROS_PRINCIPAL) == null) != (c.get(KERBEROS_KEYTAB) == null)) {
      problems.add("kerberosPrincipal, kerberosKeytab: set both or neither");
    }
    List<String> serializers = c.get(SERIALIZER);
    if (serializers != null && serializers.contains("counters") && c.get(COUNTER_ROW) == null) {
      problems.add(
          "counterRow: required with serializer counters, e.g. %{time:yyyyMMdd}_%{course}");
    }
    List<HBaseEventSerializer> built = SerializerFactory.build(c, problems);
    if (exactlyOnce(c)) {
      Integer inFlight = c.get(IN_FLIGHT_BATCHES);
      if (inFlight != null && inFlight > 1) {
        problems.add(
            "counterGuarantee = exactly-once counts a line's copies in the order they arrive, one"
                + " batch at a time, but inFlightBatches = '"
                + inFlight
                + "': remove inFlightBatches or set it to 1");
      }
      String rowKey = c.get(ROW_KEY);
      String lineId = c.get(LINE_ID_HEADER);
      if (serializers != null
          && serializers.contains("events")
          && rowKey != null
          && lineId != null
          && !rowKey.equals(AUTO_ROW_KEY)
          && !rowKey.contains("%{" + lineId + "}")) {
        problems.add(
            "rowKey = '"
                + rowKey
                + "' lacks %{"
                + lineId
                + "}: with counterGuarantee = exactly-once a line's row must be keyed by its"
                + " line id, so that a re-sent line overwrites its row instead of adding one");
      }
    }
    RetryPolicy retries = RETRIES.read(c, problems);
    problems.throwIfAny("HBase sink " + sinkName);
    return new HBaseSinkConfig(sinkName, c, durability, built, retries);
  }

  /** What the counters need of each event, for the counter guarantee. */
  CounterLines counterLines() {
    return get(COUNTER_GUARANTEE) == CounterGuarantee.EXACTLY_ONCE
        ? CounterLines.identified(new LineIdentity(get(LINE_ID_HEADER), get(TOPIC_HEADER)))
        : CounterLines.UNREAD;
  }

  /** The serializers {@link #SERIALIZER} names, built once. */
  List<HBaseEventSerializer> serializers() {
    return serializers;
  }

  /** The policy of the retry keys. */
  RetryPolicy retries() {
    return retries;
  }
}
