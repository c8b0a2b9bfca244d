package dev.flumekit.kafka.sink;

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
import dev.flumekit.common.template.HeaderTemplate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Kafka sink's configuration, and the send path's of the Kafka channel's put side: every key
 * declared once, parsed once, immutable.
 */
public final class KafkaSinkConfig extends ComponentConfig {
  /** How many replicas acknowledge a record before it counts as delivered. */
  public enum Acks {
    ALL("all", "-1"),
    LEADER("1"),
    NONE("0");

    private final List<String> spellings;

    Acks(String... spellings) {
      this.spellings = List.of(spellings);
    }

    /** The producer's {@code acks} value. */
    public String producerValue() {
      return spellings.get(0);
    }
  }

  /** Compression codec of record batches; the names are Kafka's {@code compression.type}. */
  public enum Compression {
    NONE,
    GZIP,
    SNAPPY,
    LZ4,
    ZSTD;

    /** The producer's {@code compression.type} value. */
    public String producerValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final ConfigKey<List<String>> BOOTSTRAP_SERVERS =
      ConfigKey.builder("kafka.bootstrap.servers", ValueType.LIST)
          .required()
          .deprecatedAlias("brokerList")
          .doc("Kafka brokers to bootstrap from, as host:port.")
          .build();

  public static final ConfigKey<String> TOPIC =
      ConfigKey.builder("kafka.topic", ValueType.NON_EMPTY_STRING)
          .defaultValue("default-flume-topic")
          .deprecatedAlias("topic")
          .doc(
              "Topic to write to. May hold %{header} placeholders, filled from each event's"
                  + " headers; see topicAllowList and fallbackTopic.")
          .build();

  public static final ConfigKey<Integer> BATCH_SIZE =
      SinkKeys.batchSize("flumeBatchSize")
          .deprecatedAlias("batchSize")
          .deprecatedAlias("kafka.flumeBatchSize")
          .doc(
              "Events taken from the channel in one transaction; the transaction commits once all"
                  + " of them are acknowledged or dead-lettered. At most the channel's"
                  + " transactionCapacity.")
          .build();

  public static final ConfigKey<Acks> ACKS =
      ConfigKey.builder("acks", ValueType.enumOf(Acks.class, a -> a.spellings))
          .defaultValue(Acks.ALL)
          .defaultDoc("all")
          .alias("kafka.producer.acks")
          .deprecatedAlias("requiredAcks")
          .doc(
              "Acknowledgement a record needs before it counts as delivered: all (-1) waits for"
                  + " every in-sync replica, 1 for the leader, 0 for nothing (records can be lost).")
          .build();

  public static final ConfigKey<Compression> COMPRESSION =
      ConfigKey.builder("compression", ValueType.enumOf(Compression.class))
          .defaultValue(Compression.SNAPPY)
          .defaultDoc("snappy")
          .alias("kafka.producer.compression.type")
          .doc("Compression codec of the record batches written to Kafka.")
          .build();

  public static final ConfigKey<Integer> LINGER_MS =
      ConfigKey.builder("lingerMs", ValueType.INT)
          .defaultValue(5)
          .validator(Validator.atLeast(0))
          .alias("kafka.producer.linger.ms")
          .doc(
              "How long the producer may wait to fill a record batch. The sink flushes at the end"
                  + " of every channel batch, so this rarely adds latency.")
          .build();

  public static final ConfigKey<Integer> BATCH_BYTES =
      ConfigKey.builder("batchBytes", ValueType.INT)
          .defaultValue(262144)
          .validator(Validator.atLeast(0))
          .alias("kafka.producer.batch.size")
          .doc("Upper size in bytes of one producer record batch per partition.")
          .build();

  public static final ConfigKey<Boolean> IDEMPOTENCE =
      ConfigKey.builder("idempotence", ValueType.BOOLEAN)
          .defaultDoc("true when acks=all")
          .alias("kafka.producer.enable.idempotence")
          .doc(
              "Idempotent producer: a record retried by the producer is written once. Needs"
                  + " acks=all.")
          .build();

  public static final ConfigKey<String> KEY_HEADER =
      ConfigKey.builder("keyHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("key")
          .doc("Event header whose value (UTF-8) is the record key. Events without it have no key.")
          .build();

  public static final ConfigKey<String> PARTITION_ID_HEADER =
      ConfigKey.builder("partitionIdHeader", ValueType.NON_EMPTY_STRING)
          .doc(
              "Event header holding the partition number to write to. A value that is not a"
                  + " partition of the topic sends the event to the dead-letter policy.")
          .build();

  public static final ConfigKey<Integer> DEFAULT_PARTITION_ID =
      ConfigKey.builder("defaultPartitionId", ValueType.INT)
          .validator(Validator.atLeast(0))
          .doc(
              "Partition for events without a partitionIdHeader value. Unset: Kafka's"
                  + " partitioner chooses (by key when there is one).")
          .build();

  public static final ConfigKey<Boolean> ALLOW_TOPIC_OVERRIDE =
      ConfigKey.builder("allowTopicOverride", ValueType.BOOLEAN)
          .defaultValue(true)
          .doc("Whether an event's topicHeader value replaces kafka.topic for that event.")
          .build();

  public static final ConfigKey<String> TOPIC_HEADER =
      ConfigKey.builder("topicHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("topic")
          .doc("Event header that names the event's topic when allowTopicOverride is true.")
          .build();

  public static final ConfigKey<List<String>> TOPIC_ALLOW_LIST =
      ConfigKey.builder("topicAllowList", ValueType.LIST)
          .doc(
              "Topics an event may be routed to by a header or a placeholder. An event routed"
                  + " elsewhere goes to fallbackTopic, or to the dead-letter policy without one."
                  + " Unset: any legal topic name.")
          .build();

  public static final ConfigKey<String> FALLBACK_TOPIC =
      ConfigKey.builder("fallbackTopic", ValueType.NON_EMPTY_STRING)
          .doc(
              "Topic for events whose routed topic is missing (a placeholder header is absent),"
                  + " not a legal topic name, or not in topicAllowList. Unset: such events are"
                  + " dead letters.")
          .build();

  public static final ConfigKey<String> TIMESTAMP_HEADER =
      ConfigKey.builder("timestampHeader", ValueType.NON_EMPTY_STRING)
          .doc(
              "Event header holding the record timestamp in epoch milliseconds. A value that is"
                  + " not a non-negative integer sends the event to the dead-letter policy.")
          .build();

  public static final ConfigKey<Long> MAX_RECORD_TIME_AGE_MS =
      ConfigKey.builder("maxRecordTimeAgeMs", ValueType.LONG)
          .defaultValue(3_600_000L)
          .validator(Validator.atLeast(60_000L))
          .doc(
              "A timestampHeader value older than this (a backlog of old lines: a collector down"
                  + " for days, old files read at a cut-over) is not used as the record"
                  + " timestamp: the record gets its send time, and the event's own time travels"
                  + " as a record header named as timestampHeader. Topic retention deletes by"
                  + " record time, so an old time could have the backlog deleted before it is"
                  + " read.")
          .build();

  public static final ConfigKey<String> COPY_HEADERS =
      ConfigKey.builder("copyHeaders", ValueType.NON_EMPTY_STRING)
          .defaultValue("none")
          .doc(
              "Event headers copied to Kafka record headers under their own names: none, all,"
                  + " or a comma-separated list (written in the list's order when no header.<name>"
                  + " entry is set). header.<name> entries are copied in any case.")
          .build();

  public static final ConfigKey<Boolean> USE_FLUME_EVENT_FORMAT =
      ConfigKey.builder("useFlumeEventFormat", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc(
              "Write each record value as Flume's Avro event (headers and body), readable by"
                  + " Flume's Kafka source and channel with the same setting.")
          .build();

  public static final ConfigKey<DeadLetterPolicy> DEAD_LETTER =
      SinkKeys.deadLetter(
          EnumSet.allOf(DeadLetterPolicy.Kind.class),
          "What happens to an event that cannot be written and will not succeed if retried"
              + " (too large, invalid topic, bad partition or timestamp header): topic:<name>"
              + " writes it there with headers flumekit.dlq.reason, flumekit.dlq.error and"
              + " flumekit.dlq.topic; file:<dir> appends it as a JSON line to"
              + " <dir>/<sink>-<day>.jsonl; drop logs and counts it; fail rolls the batch back"
              + " and retries it for ever, as Flume's own sink does. The directory is created"
              + " (0700, files 0600) at start, or the sink refuses to start.");

  public static final ConfigKey<String> DEAD_LETTER_FALLBACK_DIR =
      ConfigKey.builder("deadLetterFallbackDir", ValueType.NON_EMPTY_STRING)
          .defaultValue(SinkKeys.DEFAULT_DEAD_LETTER_DIRECTORY)
          .doc(
              "With deadLetter=topic:<name>, where a dead letter goes that Kafka refuses too"
                  + " (for example, too large for the dead-letter topic as well).")
          .build();

  public static final SinkKeys.RetryKeys RETRIES =
      SinkKeys.retries(
          "Times the sink re-sends the records of a batch that failed with a retriable error"
              + " (broker down, leader change, timeout), only those records. -1: until they"
              + " succeed, holding the batch; nothing is lost. Otherwise records still failing"
              + " go to the dead-letter policy.",
          100L,
          10000L);

  public static final ConfigKey<Boolean> TRANSACTIONAL =
      ConfigKey.builder("transactional", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc(
              "Each batch (the sink's channel batch, the channel's put) is one Kafka"
                  + " transaction, committed just before the channel transaction: a failed try is"
                  + " aborted, so consumers reading with isolation.level=read_committed (flumekit's"
                  + " default) never see part of a batch, nor its records out of order. A batch"
                  + " re-sent after a crash between the two commits is seen again, whole: line ids"
                  + " let the HBase sink count it once. Needs acks=all and idempotence.")
          .build();

  public static final ConfigKey<String> TRANSACTIONAL_ID =
      ConfigKey.builder("transactionalId", ValueType.NON_EMPTY_STRING)
          .doc(
              "Kafka transactional.id with transactional = true. Must be stable across restarts"
                  + " and unique among running writers: a restarted writer fences its previous"
                  + " incarnation (aborting its open transaction), and a changed id leaves the old"
                  + " one's to time out. The default is refused on a host named localhost*; set it"
                  + " where host names change at every start (containers). A writer fenced 3 times"
                  + " in 10 minutes takes its id for shared and pauses sending (1 minute, doubling"
                  + " up to 30), with an error.")
          .defaultDoc("flumekit-<sink|channel>-<agent name>-<name>@<host name>")
          .build();

  public static final ConfigKey<Integer> IN_FLIGHT_BATCHES =
      SinkKeys.inFlightBatches()
          .defaultDoc("16; 1 when transactional")
          .doc(
              "Channel batches delivered at once, each in its own channel transaction and worker"
                  + " thread: while some wait for their acknowledgements the next is taken and"
                  + " sent, so the producer's batches stay full. Batches are sent in channel order."
                  + " 1 sends a batch only once the previous one is committed.")
          .build();

  public static final ConfigKey<Long> STOP_TIMEOUT_MS =
      ConfigKey.builder("stopTimeoutMs", ValueType.LONG)
          .defaultValue(30000L)
          .validator(Validator.atLeast(0L))
          .doc(
              "How long stop() waits for records already sent to be acknowledged before"
                  + " closing the producer.")
          .build();

  public static final ConfigKey<List<String>> LAG_GROUPS =
      ConfigKey.builder("lagGroups", ValueType.LIST)
          .doc(
              "Consumer groups whose lag on the topics written here is reported (group_lag"
                  + " metrics), every 15 s by an admin client, so that a stopped consumer's lag is"
                  + " still seen; a put-only Kafka channel's size is their lag. A group is taken to"
                  + " read a topic once it committed an offset on it (its other partitions then"
                  + " count as all behind until it commits there). Unset: the groups"
                  + " with offsets committed on those topics are reported, but do not make the"
                  + " channel's size (one of them may be a console consumer long gone).")
          .build();

  public static final ConfigKey<Integer> LAG_GROUPS_MAX =
      ConfigKey.builder("lagGroupsMax", ValueType.INT)
          .defaultValue(50)
          .validator(Validator.atLeast(0))
          .doc(
              "How many of the cluster's consumer groups (first by name) are looked at for readers"
                  + " of the topics written here when lagGroups is unset; a warning says when there"
                  + " are more. 0: no group lag is reported.")
          .build();

  public static final ConfigPrefix PRODUCER =
      new ConfigPrefix(
          "kafka.producer.",
          "Passed to the Kafka producer as is (e.g. kafka.producer.max.request.size,"
              + " kafka.producer.security.protocol). Keys the sink owns are refused:"
              + " key.serializer, value.serializer, bootstrap.servers, transactional.id.");

  public static final ConfigPrefix HEADER_MAPPING =
      new ConfigPrefix(
          "header.",
          "header.<eventHeader>=<recordHeader> copies an event header to a Kafka record header"
              + " of the given name.");

  /**
   * The send path's keys and prefixes, declared once: the sink's definition and the Kafka channel's
   * (its put side is this send path) both include them.
   */
  public static final KeyGroup SEND_KEYS =
      new KeyGroup(
          List.of(
              ACKS,
              COMPRESSION,
              LINGER_MS,
              BATCH_BYTES,
              IDEMPOTENCE,
              TRANSACTIONAL,
              TRANSACTIONAL_ID,
              KEY_HEADER,
              PARTITION_ID_HEADER,
              DEFAULT_PARTITION_ID,
              TOPIC_HEADER,
              TOPIC_ALLOW_LIST,
              FALLBACK_TOPIC,
              TIMESTAMP_HEADER,
              MAX_RECORD_TIME_AGE_MS,
              COPY_HEADERS,
              DEAD_LETTER,
              DEAD_LETTER_FALLBACK_DIR,
              SinkKeys.DEAD_LETTER_FILES.maxFileBytes(),
              SinkKeys.DEAD_LETTER_FILES.retentionDays(),
              RETRIES.maxRetries(),
              RETRIES.backoffMs(),
              RETRIES.backoffMaxMs(),
              STOP_TIMEOUT_MS,
              LAG_GROUPS,
              LAG_GROUPS_MAX),
          List.of(PRODUCER, HEADER_MAPPING));

  public static final ConfigDef DEFINITION =
      SEND_KEYS
          .addTo(
              ConfigDef.builder()
                  .key(BOOTSTRAP_SERVERS)
                  .key(TOPIC)
                  .key(BATCH_SIZE)
                  .key(ALLOW_TOPIC_OVERRIDE)
                  .key(USE_FLUME_EVENT_FORMAT)
                  .key(IN_FLIGHT_BATCHES))
          .build();

  /** The sink's own spellings of the keys each writer declares itself. */
  private static final WriterKeys SINK_KEYS =
      new WriterKeys(TOPIC, USE_FLUME_EVENT_FORMAT, ALLOW_TOPIC_OVERRIDE);

  private final String sinkName;
  private final WriterRole role;
  private final String logName;
  private final HeaderTemplate topic;

  /**
   * The values of the keys {@link #get} answers other than as parsed: the writer's own keys ({@link
   * WriterKeys}: the channel's parseAsFlumeEvent is this send path's {@link
   * #USE_FLUME_EVENT_FORMAT}), and those whose default depends on other keys ({@link #IDEMPOTENCE}
   * follows acks, {@link #IN_FLIGHT_BATCHES} is 1 when transactional).
   */
  private final Map<ConfigKey<?>, Object> effective;

  private final Set<String> topicAllowList;
  private final HeaderSelection copyHeaders;
  private final RetryPolicy retries;

  private KafkaSinkConfig(
      WriterRole role,
      String sinkName,
      ParsedConfig c,
      WriterKeys keys,
      HeaderTemplate topic,
      RetryPolicy retries) {
    super("Kafka " + role.word() + " " + sinkName, c);
    this.sinkName = sinkName;
    this.role = role;
    this.logName = role.title() + " " + sinkName;
    this.topic = topic;
    this.effective =
        Map.of(
            TOPIC,
            c.get(keys.topic()),
            USE_FLUME_EVENT_FORMAT,
            c.get(keys.flumeEventFormat()),
            ALLOW_TOPIC_OVERRIDE,
            c.get(keys.allowTopicOverride()),
            IDEMPOTENCE,
            c.optional(IDEMPOTENCE).orElse(c.get(ACKS) == Acks.ALL),
            IN_FLIGHT_BATCHES,
            c.optional(IN_FLIGHT_BATCHES).orElse(c.get(TRANSACTIONAL) ? 1 : 16));
    this.topicAllowList = c.optional(TOPIC_ALLOW_LIST).map(Set::copyOf).orElse(null);
    this.copyHeaders = HeaderSelection.parse(c.get(COPY_HEADERS));
    this.retries = retries;
  }

  /**
   * The key's value as it applies, its default when absent: a writer's own key ({@link WriterKeys})
   * answers that writer's value, {@link #IDEMPOTENCE} and {@link #IN_FLIGHT_BATCHES} the value
   * other keys make of them.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Object value = effective.get(key);
    return value != null ? (T) value : super.get(key);
  }

  /**
   * Parses a sink's properties.
   *
   * @param sinkName the sink's name in the agent, used in messages and default names
   * @param properties the sink's properties as Flume passes them
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static KafkaSinkConfig parse(String sinkName, Map<String, String> properties) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(properties, problems);
    Optional<KafkaSinkConfig> config = of(WriterRole.SINK, sinkName, c, SINK_KEYS, problems);
    problems.throwIfAny("Kafka sink " + sinkName);
    return config.orElseThrow();
  }

  /**
   * The send path's configuration of a writer, from the values its own definition parsed (which
   * includes {@link #SEND_KEYS} and {@link #BOOTSTRAP_SERVERS}): checks what no single key can
   * (topic names, acks against idempotence and transactions, producer overrides), adding each
   * problem to the writer's {@code problems}, so that every problem is reported once, with the
   * writer's others.
   *
   * @param role what the writer is, for messages and the default transactional id
   * @param name the writer's name in the agent
   * @param c the values the writer's definition parsed
   * @param keys the writer's own spellings of the keys it declares itself
   * @return the configuration, or empty when {@code problems} holds any (the writer then throws)
   */
  public static Optional<KafkaSinkConfig> of(
      WriterRole role, String name, ParsedConfig c, WriterKeys keys, ConfigProblems problems) {
    HeaderTemplate topic = null;
    String topicText = c.get(keys.topic());
    if (topicText != null) {
      try {
        topic = HeaderTemplate.compile(topicText);
        if (topic.isConstant() && !TopicNames.isLegal(topicText)) {
          problems.invalid(keys.topic().name(), topicText, TopicNames.EXPECTED);
        }
      } catch (IllegalArgumentException e) {
        problems.invalid(keys.topic().name(), topicText, "a topic name with well-formed %{header}");
      }
    }
    for (String allowed : c.optional(TOPIC_ALLOW_LIST).orElse(List.of())) {
      if (!TopicNames.isLegal(allowed)) {
        problems.invalid(TOPIC_ALLOW_LIST.name(), allowed, TopicNames.EXPECTED);
      }
    }
    c.optional(FALLBACK_TOPIC)
        .filter(t -> !TopicNames.isLegal(t))
        .ifPresent(t -> problems.invalid(FALLBACK_TOPIC.name(), t, TopicNames.EXPECTED));
    DeadLetterPolicy deadLetter = c.get(DEAD_LETTER);
    if (deadLetter != null
        && deadLetter.kind() == DeadLetterPolicy.Kind.TOPIC
        && !TopicNames.isLegal(deadLetter.target())) {
      problems.invalid(DEAD_LETTER.name(), deadLetter.toString(), TopicNames.EXPECTED);
    }

    Acks acks = c.get(ACKS);
    Boolean idempotence = c.get(IDEMPOTENCE);
    boolean acksAll = acks == Acks.ALL;
    if (acks != null && Boolean.TRUE.equals(idempotence) && !acksAll) {
      problems.add(
          "idempotence = 'true' needs acks = all, but acks = '"
              + acks.producerValue()
              + "': set one of them");
    }
    if (Boolean.TRUE.equals(c.get(TRANSACTIONAL))) {
      if (acks != null && !acksAll) {
        problems.add(
            "transactional = 'true' needs acks = all, but acks = '" + acks.producerValue() + "'");
      }
      if (Boolean.FALSE.equals(idempotence)) {
        problems.add("transactional = 'true' needs idempotence, but idempotence = 'false'");
      }
      if (c.get(TRANSACTIONAL_ID) == null) {
        try {
          ProducerSettings.defaultTransactionalId(role, name);
        } catch (IllegalStateException e) {
          problems.add(
              TRANSACTIONAL_ID.name()
                  + ": not set, and "
                  + e.getMessage()
                  + ": set it to an id unique among the running agents and stable across this"
                  + " agent's restarts (in a container: its stable name, e.g. a StatefulSet pod's)");
        }
      }
      Integer inFlight = c.get(IN_FLIGHT_BATCHES);
      if (inFlight != null && inFlight > 1) {
        problems.add(
            "transactional = 'true' writes one batch at a time, but inFlightBatches = '"
                + inFlight
                + "'");
      }
    }
    RetryPolicy retries = RETRIES.read(c, problems);
    ProducerSettings.checkOverrides(c.prefixed(PRODUCER), PRODUCER.prefix(), problems::add);
    String copy = c.get(COPY_HEADERS);
    if (copy != null) {
      try {
        HeaderSelection.parse(copy);
      } catch (IllegalArgumentException e) {
        problems.invalid(COPY_HEADERS.name(), copy, HeaderSelection.EXPECTED);
      }
    }
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new KafkaSinkConfig(role, name, c, keys, topic, retries));
  }

  public String sinkName() {
    return sinkName;
  }

  /** What the component is: the sink, or the Kafka channel's put side. */
  public WriterRole role() {
    return role;
  }

  /** How log lines name the component, e.g. "Sink k1" or "Channel c1". */
  public String logName() {
    return logName;
  }

  /** The topic written to, compiled: {@code get(TOPIC)} with its placeholders. */
  public HeaderTemplate topic() {
    return topic;
  }

  /** Allowed routed topics, or null when any legal name is allowed. */
  public Set<String> topicAllowList() {
    return topicAllowList;
  }

  /** The event headers {@link #COPY_HEADERS} names. */
  public HeaderSelection copyHeaders() {
    return copyHeaders;
  }

  /** The policy of the retry keys. */
  public RetryPolicy retries() {
    return retries;
  }
}
