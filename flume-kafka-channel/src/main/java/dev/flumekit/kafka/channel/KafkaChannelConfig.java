package dev.flumekit.kafka.channel;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigPrefix;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.Validator;
import dev.flumekit.common.config.ValueType;
import dev.flumekit.kafka.client.ConsumerGroupKeys;
import dev.flumekit.kafka.client.ConsumerSettings;
import dev.flumekit.kafka.sink.KafkaSinkConfig;
import dev.flumekit.kafka.sink.WriterKeys;
import dev.flumekit.kafka.sink.WriterRole;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Kafka channel's configuration: Flume's KafkaChannel keys with their meaning, plus the send
 * path's keys for the put side (declared once, {@link KafkaSinkConfig#SEND_KEYS}: the put side is
 * the sink's send path, built by {@link KafkaSinkConfig#of} from the values parsed here) and the
 * take side's consumer keys. Immutable, parsed once.
 */
public final class KafkaChannelConfig extends ComponentConfig {
  public static final ConfigKey<String> TOPIC =
      ConfigKey.builder("kafka.topic", ValueType.NON_EMPTY_STRING)
          .defaultValue("flume-channel")
          .deprecatedAlias("topic")
          .doc(
              "Topic puts write to, and takes read from unless takeTopics says otherwise. May hold"
                  + " %{header} placeholders (then set topicAllowList or takeTopics).")
          .build();

  public static final ConfigKey<Boolean> PARSE_AS_FLUME_EVENT =
      ConfigKey.builder("parseAsFlumeEvent", ValueType.BOOLEAN)
          .defaultValue(true)
          .doc(
              "Record values are Flume Avro events (headers and body), both ways, as with Flume's"
                  + " KafkaChannel. false: the value is the body alone, readable by any consumer;"
                  + " headers travel as Kafka record headers (copyHeaders, header.*). A value that"
                  + " does not decode goes to deadLetter and is counted.")
          .build();

  public static final ConfigKey<List<String>> TAKE_TOPICS =
      ConfigKey.builder("takeTopics", ValueType.LIST)
          .defaultDoc("kafka.topic, topicAllowList, fallbackTopic")
          .doc(
              "Topics takes read. Unset: every topic a put can write to: kafka.topic (when it has"
                  + " no placeholder), topicAllowList and fallbackTopic.")
          .build();

  public static final ConfigKey<Long> POLL_TIMEOUT =
      ConfigKey.builder("pollTimeout", ValueType.LONG)
          .defaultValue(500L)
          .validator(Validator.atLeast(1L))
          .doc(
              "Longest a transaction's first take waits for records, in ms. Later takes of the"
                  + " same transaction do not wait: a sink's batch ends when Kafka has nothing more"
                  + " at hand.")
          .build();

  public static final ConfigKey<Long> CAPACITY =
      ConfigKey.builder("capacity", ValueType.LONG)
          .defaultValue(1_000_000L)
          .validator(Validator.atLeast(1L))
          .doc(
              "Consumer lag, in events, reported as 100 % in ChannelFillPercentage. Puts are never"
                  + " refused for it: the topic's retention is the channel's real limit.")
          .build();

  public static final ConfigKey<Boolean> ALLOW_TOPIC_OVERRIDE =
      ConfigKey.builder("allowTopicOverride", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc(
              "Whether an event's topicHeader value replaces kafka.topic for that event (false, as"
                  + " in Flume's KafkaChannel: every put goes to kafka.topic).")
          .build();

  public static final ConfigPrefix CONSUMER =
      new ConfigPrefix(
          "kafka.consumer.",
          "Passed to the take side's Kafka consumers as is, e.g. kafka.consumer.auto.offset.reset"
              + " (default earliest: a new group starts from the oldest record, never skips"
              + " events put before it joined), kafka.consumer.isolation.level (default"
              + " read_committed: records of aborted transactions are skipped),"
              + " kafka.consumer.security.protocol. The channel owns"
              + " key.deserializer, value.deserializer, enable.auto.commit and bootstrap.servers.");

  /** The channel's own spellings and defaults of the keys each writer declares itself. */
  private static final WriterKeys PUT_KEYS =
      new WriterKeys(TOPIC, PARSE_AS_FLUME_EVENT, ALLOW_TOPIC_OVERRIDE);

  public static final ConfigDef DEFINITION =
      KafkaSinkConfig.SEND_KEYS
          .addTo(
              ConfigDef.builder()
                  .key(KafkaSinkConfig.BOOTSTRAP_SERVERS)
                  .key(TOPIC)
                  .key(ConsumerGroupKeys.GROUP_ID)
                  .key(ConsumerGroupKeys.GROUP_INSTANCE_ID)
                  .key(PARSE_AS_FLUME_EVENT)
                  .key(TAKE_TOPICS)
                  .key(POLL_TIMEOUT)
                  .key(CAPACITY)
                  .key(ALLOW_TOPIC_OVERRIDE))
          .prefix(CONSUMER)
          .build();

  private final String channelName;
  private final KafkaSinkConfig put;
  private final List<String> takeTopics;
  private final Map<String, String> consumerOverrides;

  private KafkaChannelConfig(
      String channelName,
      ParsedConfig values,
      KafkaSinkConfig put,
      List<String> takeTopics,
      Map<String, String> consumerOverrides) {
    super("Kafka channel " + channelName, values);
    this.channelName = channelName;
    this.put = put;
    this.takeTopics = takeTopics;
    this.consumerOverrides = consumerOverrides;
  }

  /**
   * Parses a channel's properties.
   *
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static KafkaChannelConfig parse(String channelName, Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    Optional<KafkaSinkConfig> put =
        KafkaSinkConfig.of(WriterRole.CHANNEL, channelName, c, PUT_KEYS, problems);

    List<String> takeTopics = c.get(TAKE_TOPICS);
    if (takeTopics == null && c.get(TOPIC) != null) {
      Set<String> topics = new LinkedHashSet<>();
      if (!c.get(TOPIC).contains("%{")) {
        topics.add(c.get(TOPIC));
      }
      c.optional(KafkaSinkConfig.TOPIC_ALLOW_LIST).ifPresent(topics::addAll);
      c.optional(KafkaSinkConfig.FALLBACK_TOPIC).ifPresent(topics::add);
      if (topics.isEmpty()) {
        problems.add(
            "takeTopics: required when kafka.topic has placeholders and no topicAllowList or"
                + " fallbackTopic is set, expected the topics takes read");
      }
      takeTopics = List.copyOf(topics);
    }
    Map<String, String> overrides =
        ConsumerSettings.overrides(
            c.prefixed(CONSUMER), CONSUMER.prefix(), "channel", problems::add);
    problems.throwIfAny("Kafka channel " + channelName);
    return new KafkaChannelConfig(
        channelName, c, put.orElseThrow(), takeTopics, Map.copyOf(overrides));
  }

  public String channelName() {
    return channelName;
  }

  /** The put side: the sink's send path configured by the channel's keys. */
  public KafkaSinkConfig put() {
    return put;
  }

  public List<String> takeTopics() {
    return takeTopics;
  }

  /** The take side's consumer properties: the channel's defaults, then kafka.consumer.*. */
  Map<String, Object> consumerProperties(String clientId) {
    return ConsumerSettings.properties(
        get(KafkaSinkConfig.BOOTSTRAP_SERVERS),
        get(ConsumerGroupKeys.GROUP_ID),
        ConsumerSettings.groupInstanceId(
            get(ConsumerGroupKeys.GROUP_INSTANCE_ID), "channel", channelName, consumerOverrides),
        1000,
        clientId,
        consumerOverrides);
  }
}
