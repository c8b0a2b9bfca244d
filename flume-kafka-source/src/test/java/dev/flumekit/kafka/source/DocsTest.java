package dev.flumekit.kafka.source;

import dev.flumekit.testkit.docs.DocsContract;
import java.util.List;
import java.util.Map;

/** docs/kafka-source.md's configuration table and counter list are what the code declares. */
class DocsTest extends DocsContract {
  DocsTest() {
    super(
        "docs/kafka-source.md",
        "flume-kafka-source",
        Map.of("kafka-source", KafkaSourceConfig.DEFINITION),
        List.of(KafkaSourceCounterMBean.class));
  }
}
