package dev.flumekit.kafka.source;

import dev.flumekit.testkit.docs.ReadmeContract;
import java.util.List;
import java.util.Map;

/** README's configuration table and counter list are what the code declares. */
class ReadmeTest extends ReadmeContract {
  ReadmeTest() {
    super(
        "flumekit-kafka-source",
        Map.of("kafka-source", KafkaSourceConfig.DEFINITION),
        List.of(KafkaSourceCounterMBean.class));
  }
}
