package dev.flumekit.kafka.sink;

import dev.flumekit.testkit.docs.DocsContract;
import java.util.List;
import java.util.Map;

/** docs/kafka-sink.md's configuration table and counter list are what the code declares. */
class DocsTest extends DocsContract {
  DocsTest() {
    super(
        "docs/kafka-sink.md",
        "flume-kafka-sink",
        Map.of("kafka-sink", KafkaSinkConfig.DEFINITION),
        List.of(KafkaSinkCounterMBean.class));
  }
}
