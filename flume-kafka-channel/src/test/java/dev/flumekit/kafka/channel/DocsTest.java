package dev.flumekit.kafka.channel;

import dev.flumekit.testkit.docs.DocsContract;
import java.util.List;
import java.util.Map;

/** docs/kafka-channel.md's configuration table and counter list are what the code declares. */
class DocsTest extends DocsContract {
  DocsTest() {
    super(
        "docs/kafka-channel.md",
        "flume-kafka-channel",
        Map.of("kafka-channel", KafkaChannelConfig.DEFINITION),
        List.of(KafkaChannelCounterMBean.class));
  }
}
