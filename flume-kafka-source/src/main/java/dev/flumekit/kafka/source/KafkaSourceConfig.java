package dev.flumekit.kafka.source;

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
import dev.flumekit.kafka.client.ConsumerGroupKeys;
import dev.flumekit.kafka.client.ConsumerSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The Kafka source's configuration: every key declared once, parsed once, immutable. */
public final class KafkaSourceConfig extends ComponentConfig {
  public static final ConfigKey<List<String>> BOOTSTRAP_SERVERS =
      ConfigKey.builder("kafka.bootstrap.servers", ValueType.LIST)
          .required()
          .doc("Kafka brokers to bootstrap from, as host:port.")
          .build();

  public static final ConfigKey<List<String>> TOPICS =
      ConfigKey.builder("kafka.topics", ValueType.LIST)
          .deprecatedAlias("topic")
          .doc("Topics to consume. Set this or kafka.topics.regex.")
          .build();

  public static final ConfigKey<Pattern> TOPICS_REGEX =
      ConfigKey.builder("kafka.topics.regex", ValueType.REGEX)
          .doc(
              "Topics to consume, by pattern; topics created later that match are picked up. Set"
                  + " this or kafka.topics.")
          .build();

  public static final ConfigKey<Integer> BATCH_SIZE =
      ConfigKey.builder("batchSize", ValueType.INT)
          .defaultValue(1000)
          .validator(Validator.atLeast(1))
          .doc("Most records written to the channel in one transaction.")
          .build();

  public static final ConfigKey<Integer> BATCH_DURATION_MS =
      ConfigKey.builder("batchDurationMillis", ValueType.INT)
          .defaultValue(1000)
          .validator(Validator.atLeast(1))
          .doc("Longest a batch waits to fill before it is written to the channel anyway.")
          .build();

  public static final ConfigKey<Boolean> USE_FLUME_EVENT_FORMAT =
      ConfigKey.builder("useFlumeEventFormat", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc(
              "Record values are Flume Avro events (headers and body), as Flume's and flumekit's"
                  + " Kafka sinks write with the same setting. A value that does not decode (read"
                  + " within its own size: a malformed length field cannot force a large"
                  + " allocation) goes to deadLetter and is counted.")
          .build();

  public static final ConfigKey<DeadLetterPolicy> DEAD_LETTER =
      SinkKeys.deadLetter(
          EnumSet.of(DeadLetterPolicy.Kind.FILE, DeadLetterPolicy.Kind.DROP),
          "Where a record goes that useFlumeEventFormat cannot decode: file:<dir> appends it"
              + " (raw value as the body, with the reason) as a JSON line to"
              + " <dir>/<source>-<day>.jsonl before the batch's offsets are committed; drop logs"
              + " and counts it.");

  public static final ConfigKey<Boolean> SET_TOPIC_HEADER =
      ConfigKey.builder("setTopicHeader", ValueType.BOOLEAN)
          .defaultValue(true)
          .doc("Set topicHeader on each event.")
          .build();

  public static final ConfigKey<String> TOPIC_HEADER =
      ConfigKey.builder("topicHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("topic")
          .doc(
              "Header for the record's topic. partition, offset, timestamp (the record's, epoch"
                  + " ms) and key (when the record has one) are always set: the HBase sink's"
                  + " deterministic row keys use them.")
          .build();

  public static final ConfigPrefix CONSUMER =
      new ConfigPrefix(
          "kafka.consumer.",
          "Passed to the Kafka consumer as is, e.g. kafka.consumer.auto.offset.reset,"
              + " kafka.consumer.isolation.level (default read_committed: records of aborted"
              + " transactions are skipped), kafka.consumer.security.protocol. The source owns key.deserializer,"
              + " value.deserializer, enable.auto.commit and bootstrap.servers.");

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(BOOTSTRAP_SERVERS)
          .key(TOPICS)
          .key(TOPICS_REGEX)
          .key(ConsumerGroupKeys.GROUP_ID)
          .key(ConsumerGroupKeys.GROUP_INSTANCE_ID)
          .key(BATCH_SIZE)
          .key(BATCH_DURATION_MS)
          .key(USE_FLUME_EVENT_FORMAT)
          .key(DEAD_LETTER)
          .key(SinkKeys.DEAD_LETTER_FILES.maxFileBytes())
          .key(SinkKeys.DEAD_LETTER_FILES.retentionDays())
          .key(SET_TOPIC_HEADER)
          .key(TOPIC_HEADER)
          .prefix(CONSUMER)
          .build();

  private final String sourceName;
  private final Map<String, String> consumerOverrides;

  private KafkaSourceConfig(
      String sourceName, ParsedConfig values, Map<String, String> consumerOverrides) {
    super("Kafka source " + sourceName, values);
    this.sourceName = sourceName;
    this.consumerOverrides = consumerOverrides;
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static KafkaSourceConfig parse(String sourceName, Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    boolean topics = raw.containsKey(TOPICS.name()) || raw.containsKey("topic");
    boolean regex = raw.containsKey(TOPICS_REGEX.name());
    if (topics == regex) {
      problems.add(
          "kafka.topics, kafka.topics.regex: set one, found " + (topics ? "both" : "neither"));
    }
    Map<String, String> overrides =
        ConsumerSettings.overrides(
            c.prefixed(CONSUMER), CONSUMER.prefix(), "source", problems::add);
    problems.throwIfAny("Kafka source " + sourceName);
    return new KafkaSourceConfig(sourceName, c, overrides);
  }

  /** The consumer's properties: the source's defaults, then kafka.consumer.* overrides. */
  Map<String, Object> consumerProperties() {
    return ConsumerSettings.properties(
        get(BOOTSTRAP_SERVERS),
        get(ConsumerGroupKeys.GROUP_ID),
        ConsumerSettings.groupInstanceId(
            get(ConsumerGroupKeys.GROUP_INSTANCE_ID), "source", sourceName, consumerOverrides),
        Math.min(get(BATCH_SIZE), 10_000),
        "flumekit-" + sourceName,
        consumerOverrides);
  }
}
