package dev.flumekit.kafka.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import dev.flumekit.kafka.sink.KafkaSinkConfig;
import dev.flumekit.kafka.sink.ProducerSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channel's configuration: Flume's KafkaChannel keys, the sink's put keys, every problem. */
class KafkaChannelConfigTest {
  private static Map<String, String> properties(String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", "broker1:9092,broker2:9092");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void flumesKafkaChannelConfigurationIsAcceptedWithItsMeaning() {
    KafkaChannelConfig config =
        KafkaChannelConfig.parse(
            "c1",
            properties(
                "kafka.topic", "channel-topic",
                "kafka.consumer.group.id", "flume-group",
                "parseAsFlumeEvent", "true",
                "pollTimeout", "500",
                "defaultPartitionId", "0",
                "partitionIdHeader", "partition",
                "kafka.producer.acks", "all",
                "kafka.producer.linger.ms", "10",
                "kafka.consumer.auto.offset.reset", "latest",
                "kafka.producer.security.protocol", "PLAINTEXT",
                "kafka.consumer.security.protocol", "PLAINTEXT"));
    assertEquals(List.of("channel-topic"), config.takeTopics());
    Map<String, Object> consumer = config.consumerProperties("id");
    assertEquals("latest", consumer.get("auto.offset.reset"));
    assertEquals("flume-group", consumer.get("group.id"));
    assertEquals("PLAINTEXT", consumer.get("security.protocol"));
    assertEquals(false, consumer.get("enable.auto.commit"));
    assertTrue(config.put().get(KafkaSinkConfig.USE_FLUME_EVENT_FORMAT));
    assertEquals(10, ProducerSettings.properties(config.put()).get("linger.ms"));
    assertEquals(0, config.put().get(KafkaSinkConfig.DEFAULT_PARTITION_ID));
    assertEquals("partition", config.put().get(KafkaSinkConfig.PARTITION_ID_HEADER));
    assertNull(config.put().get(KafkaSinkConfig.FALLBACK_TOPIC));
    assertEquals("Channel c1", config.put().logName());
  }

  @Test
  void flumesDefaultsExceptAnOffsetResetThatSkipsNothing() {
    KafkaChannelConfig config = KafkaChannelConfig.parse("c1", properties());
    assertEquals(List.of("flume-channel"), config.takeTopics());
    assertEquals("flume", config.consumerProperties("id").get("group.id"));
    assertEquals("earliest", config.consumerProperties("id").get("auto.offset.reset"));
    assertTrue(
        config.put().get(KafkaSinkConfig.USE_FLUME_EVENT_FORMAT),
        "parseAsFlumeEvent defaults to true");
    assertFalse(
        config.put().get(KafkaSinkConfig.ALLOW_TOPIC_OVERRIDE),
        "every put to kafka.topic, as Flume's");
    assertEquals("all", config.put().get(KafkaSinkConfig.ACKS).producerValue());
  }

  @Test
  void takesReadEveryTopicAPutCanWriteTo() {
    KafkaChannelConfig config =
        KafkaChannelConfig.parse(
            "c1",
            properties(
                "kafka.topic", "access-logs",
                "allowTopicOverride", "true",
                "topicAllowList", "course-clicks,access-logs",
                "fallbackTopic", "other"));
    assertEquals(List.of("access-logs", "course-clicks", "other"), config.takeTopics());
  }

  @Test
  void aTemplatedTopicNeedsToKnowWhatToTake() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> KafkaChannelConfig.parse("c1", properties("kafka.topic", "logs-%{app}")));
    assertTrue(e.getMessage().contains("takeTopics: required"), e.getMessage());
  }

  @Test
  void aBadConfigurationNamesEveryBadKeyOnce() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                KafkaChannelConfig.parse(
                    "bad",
                    properties(
                        "kafka.topic", "bad topic",
                        "acks", "most",
                        "pollTimeout", "-3",
                        "kafka.consumer.enable.auto.commit", "true",
                        "parseAsFlumeEvents", "true")));
    String message = e.getMessage();
    for (String expected :
        List.of(
            "Kafka channel bad",
            "kafka.topic = 'bad topic'",
            "acks = 'most'",
            "pollTimeout = '-3'",
            "kafka.consumer.enable.auto.commit: set by the channel itself",
            "parseAsFlumeEvents: unknown key (did you mean parseAsFlumeEvent?)")) {
      assertTrue(message.contains(expected), expected + " in " + message);
    }
    assertEquals(
        message.indexOf("acks = 'most'"),
        message.lastIndexOf("acks = 'most'"),
        "a key both parses see is reported once");
  }

  @Test
  void theChannelsOwnSpellingsAndTheSendKeysAreReadOnceAndReportedOnce() {
    KafkaChannelConfig config =
        KafkaChannelConfig.parse(
            "c1", properties("parseAsFlumeEvent", "false", "allowTopicOverride", "true"));
    assertFalse(config.put().get(KafkaSinkConfig.USE_FLUME_EVENT_FORMAT));
    assertTrue(config.put().get(KafkaSinkConfig.ALLOW_TOPIC_OVERRIDE));
    assertEquals("flume-channel", config.put().get(KafkaSinkConfig.TOPIC));

    Map<String, String> bad = properties("acks", "1", "transactional", "true");
    bad.remove("kafka.bootstrap.servers");
    bad.put("useFlumeEventFormat", "true");
    ConfigException e =
        assertThrows(ConfigException.class, () -> KafkaChannelConfig.parse("c1", bad));
    assertEquals(
        List.of(
            "kafka.bootstrap.servers: required, expected a comma-separated list",
            "useFlumeEventFormat: unknown key",
            "transactional = 'true' needs acks = all, but acks = '1'"),
        e.problems());

    // parsed a second time in the sink's words, this key was also reported as a near miss of the
    // sink's flumeBatchSize
    ConfigException typo =
        assertThrows(
            ConfigException.class,
            () -> KafkaChannelConfig.parse("c1", properties("flumeBatchSise", "5")));
    assertEquals(List.of("flumeBatchSise: unknown key"), typo.problems());
  }

  @Test
  void secretsStayHidden() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                KafkaChannelConfig.parse(
                    "c1",
                    properties(
                        "kafka.producer.sasl.jaas.config", "secret-jaas",
                        "kafka.consumer.bootstrap.servers", "x:1",
                        "acks", "most")));
    assertFalse(e.getMessage().contains("secret-jaas"), e.getMessage());
  }
}
