package dev.flumekit.kafka.sink;

import dev.flumekit.testkit.docs.ReadmeContract;
import java.util.List;
import java.util.Map;

/** README's configuration table and counter list are what the code declares. */
class ReadmeTest extends ReadmeContract {
  ReadmeTest() {
    super(
        "flumekit-kafka-sink",
        Map.of("kafka-sink", KafkaSinkConfig.DEFINITION),
        List.of(KafkaSinkCounterMBean.class));
  }
}
