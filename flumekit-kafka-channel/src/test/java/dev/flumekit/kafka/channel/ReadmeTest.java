package dev.flumekit.kafka.channel;

import dev.flumekit.testkit.docs.ReadmeContract;
import java.util.List;
import java.util.Map;

/** README's configuration table and counter list are what the code declares. */
class ReadmeTest extends ReadmeContract {
  ReadmeTest() {
    super(
        "flumekit-kafka-channel",
        Map.of("kafka-channel", KafkaChannelConfig.DEFINITION),
        List.of(KafkaChannelCounterMBean.class));
  }
}
