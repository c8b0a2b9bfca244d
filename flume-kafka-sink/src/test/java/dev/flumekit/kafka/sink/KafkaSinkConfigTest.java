package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.config.ConfigException;
import dev.flumekit.common.deadletter.DeadLetterPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSinkConfigTest {
  private static KafkaSinkConfig parse(Map<String, String> properties) {
    return KafkaSinkConfig.parse("k1", properties);
  }

  @Test
  void defaultsAreSafe() {
    KafkaSinkConfig c = parse(Map.of("kafka.bootstrap.servers", "b:9092"));
    assertEquals("default-flume-topic", c.topic().toString());
    assertEquals(100, c.get(KafkaSinkConfig.BATCH_SIZE));
    assertEquals(KafkaSinkConfig.Acks.ALL, c.get(KafkaSinkConfig.ACKS));
    assertEquals(KafkaSinkConfig.Compression.SNAPPY, c.get(KafkaSinkConfig.COMPRESSION));
    assertTrue(c.get(KafkaSinkConfig.IDEMPOTENCE));
    assertEquals("key", c.get(KafkaSinkConfig.KEY_HEADER));
    assertEquals(
        new DeadLetterPolicy(DeadLetterPolicy.Kind.FILE, "~/.flume/flumekit/dead-letters"),
        c.get(KafkaSinkConfig.DEAD_LETTER));
    assertEquals(-1, c.retries().maxRetries());
    assertFalse(c.get(KafkaSinkConfig.TRANSACTIONAL));
    assertTrue(
        ProducerSettings.transactionalId(c).startsWith("flumekit-sink-k1@"),
        "one id per component and host, stable across restarts: "
            + ProducerSettings.transactionalId(c));
    assertEquals(
        Map.of(
            "bootstrap.servers", "b:9092",
            "acks", "all",
            "compression.type", "snappy",
            "linger.ms", 5,
            "batch.size", 262144,
            "enable.idempotence", true,
            "client.id", "flumekit-k1"),
        ProducerSettings.properties(c));
  }

  @Test
  void acceptsASeedEraConfigWithLegacyKeys() {
    KafkaSinkConfig c =
        parse(
            Map.of(
                "type", "dev.flumekit.kafka.KafkaSink",
                "channel", "c1",
                "brokerList", "h:9092",
                "topic", "logkafka",
                "batchSize", "20",
                "requiredAcks", "-1"));
    assertEquals(List.of("h:9092"), c.get(KafkaSinkConfig.BOOTSTRAP_SERVERS));
    assertEquals("logkafka", c.topic().toString());
    assertEquals(20, c.get(KafkaSinkConfig.BATCH_SIZE));
    assertEquals(KafkaSinkConfig.Acks.ALL, c.get(KafkaSinkConfig.ACKS));
    assertEquals(
        List.of(
            "Configuration key 'brokerList' is deprecated; use 'kafka.bootstrap.servers'",
            "Configuration key 'topic' is deprecated; use 'kafka.topic'",
            "Configuration key 'batchSize' is deprecated; use 'flumeBatchSize'",
            "Configuration key 'requiredAcks' is deprecated; use 'acks'"),
        c.warnings());
  }

  @Test
  void acceptsFlumesOwnProducerKeysForFirstClassSettings() {
    KafkaSinkConfig c =
        parse(
            Map.of(
                "kafka.bootstrap.servers", "b:9092",
                "kafka.producer.acks", "1",
                "kafka.producer.compression.type", "lz4",
                "kafka.producer.max.request.size", "2097152"));
    assertEquals(KafkaSinkConfig.Acks.LEADER, c.get(KafkaSinkConfig.ACKS));
    assertEquals(KafkaSinkConfig.Compression.LZ4, c.get(KafkaSinkConfig.COMPRESSION));
    assertFalse(c.get(KafkaSinkConfig.IDEMPOTENCE), "idempotence follows acks unless set");
    assertEquals("2097152", ProducerSettings.properties(c).get("max.request.size"));
    assertEquals(false, ProducerSettings.properties(c).get("enable.idempotence"));
  }

  @Test
  void mapsHeadersAndTransactionalId() {
    KafkaSinkConfig c =
        parse(
            Map.of(
                "kafka.bootstrap.servers", "b:9092",
                "header.app", "application",
                "copyHeaders", "host, env",
                "transactional", "true",
                "transactionalId", "collector-k1"));
    assertEquals(Map.of("app", "application"), c.prefixed(KafkaSinkConfig.HEADER_MAPPING));
    assertEquals(new HeaderSelection(false, java.util.Set.of("host", "env")), c.copyHeaders());
    assertEquals("collector-k1", ProducerSettings.properties(c).get("transactional.id"));
  }

  @Test
  void reportsEveryProblemInOneMessage() {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.topic", "bad topic!");
    p.put("flumeBatchSize", "0");
    p.put("acks", "2");
    p.put("compression", "brotli");
    p.put("deadLetter", "kafka");
    p.put("maxRetries", "-5");
    p.put("fallbackTopic", "a/b");
    p.put("retryBackoffMs", "500");
    p.put("retryBackoffMaxMs", "100");
    p.put("kafka.producer.value.serializer", "x");
    p.put("kafka.producer.bootstrap.servers", "y");
    p.put("flumeBatchsize", "5");
    p.put("idempotence", "yes");
    ConfigException e = assertThrows(ConfigException.class, () -> parse(p));
    assertEquals(
        "Invalid configuration for Kafka sink k1 (13 problems):\n"
            + "  - kafka.bootstrap.servers: required, expected a comma-separated list\n"
            + "  - flumeBatchSize = '0': expected an integer >= 1\n"
            + "  - acks = '2': expected one of all, -1, 1, 0\n"
            + "  - compression = 'brotli': expected one of none, gzip, snappy, lz4, zstd\n"
            + "  - idempotence = 'yes': expected true or false\n"
            + "  - deadLetter = 'kafka': expected topic:<name>, file:<directory>, drop or fail\n"
            + "  - maxRetries = '-5': expected an integer >= -1\n"
            + "  - flumeBatchsize: unknown key (did you mean flumeBatchSize?)\n"
            + "  - kafka.topic = 'bad topic!': expected a topic name of 1 to 249 characters from"
            + " [a-zA-Z0-9._-]\n"
            + "  - fallbackTopic = 'a/b': expected a topic name of 1 to 249 characters from"
            + " [a-zA-Z0-9._-]\n"
            + "  - retryBackoffMaxMs = '100': expected an integer >= retryBackoffMs (500)\n"
            + "  - kafka.producer.bootstrap.servers: set by the sink, not configurable here (use"
            + " kafka.bootstrap.servers)\n"
            + "  - kafka.producer.value.serializer: set by the sink, not configurable here",
        e.getMessage());
  }

  @Test
  void refusesIdempotenceOrTransactionsWithoutAcksAll() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    Map.of(
                        "kafka.bootstrap.servers", "b:9092",
                        "acks", "1",
                        "idempotence", "true",
                        "transactional", "true",
                        "transactionalId", "collector-k1")));
    assertEquals(
        "Invalid configuration for Kafka sink k1 (2 problems):\n"
            + "  - idempotence = 'true' needs acks = all, but acks = '1': set one of them\n"
            + "  - transactional = 'true' needs acks = all, but acks = '1'",
        e.getMessage());
  }

  @Test
  void leavesOptionalKeysUnset() {
    KafkaSinkConfig c = parse(Map.of("kafka.bootstrap.servers", "b:9092"));
    assertNull(c.get(KafkaSinkConfig.PARTITION_ID_HEADER));
    assertNull(c.get(KafkaSinkConfig.DEFAULT_PARTITION_ID));
    assertNull(c.topicAllowList());
    assertNull(c.get(KafkaSinkConfig.FALLBACK_TOPIC));
  }

  @Test
  void producerValuesKafkaWouldRefuseAreRefusedAtConfigureNamingKeyAndValue() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    Map.of(
                        "kafka.bootstrap.servers", "b:9092",
                        "kafka.producer.security.protocol", "SASL_PLAINTXT",
                        "kafka.producer.max.request.size", "big",
                        "kafka.producer.ssl.key.password", "not-shown",
                        "kafka.producer.acks", "2",
                        "kafka.producer.no.such.setting", "left to the client")));
    List<String> problems = e.problems().stream().sorted().toList();
    assertEquals(3, problems.size(), problems.toString());
    assertEquals("kafka.producer.acks = '2': expected one of all, -1, 1, 0", problems.get(0));
    assertEquals("kafka.producer.max.request.size = 'big': expected an integer", problems.get(1));
    // kafka-clients' own words, its values in its own order
    assertTrue(
        problems
            .get(2)
            .startsWith(
                "kafka.producer.security.protocol = 'SASL_PLAINTXT': String must be one of (case"
                    + " insensitive): "),
        problems.get(2));
    assertTrue(problems.get(2).contains("SASL_PLAINTEXT"), problems.get(2));
  }
}
