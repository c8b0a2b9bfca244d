package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.tooling.DeliveryLink;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendGuaranteeTest {
  private static SendGuarantee of(String... keyValues) {
    Map<String, String> keys = new HashMap<>();
    keys.put("kafka.bootstrap.servers", "b1:9092");
    keys.put("kafka.topic", "t");
    for (int i = 0; i < keyValues.length; i += 2) {
      keys.put(keyValues[i], keyValues[i + 1]);
    }
    return SendGuarantee.of(KafkaSinkConfig.parse("k1", keys));
  }

  @Test
  void aWriterThatCanLoseSaysWhich() {
    assertEquals(DeliveryLink.AT_MOST_ONCE, of("acks", "1").level());
    assertTrue(of("acks", "1").reason().startsWith("acks = 1"), of("acks", "1").reason());
    assertEquals(DeliveryLink.AT_MOST_ONCE, of("deadLetter", "drop").level());
  }

  @Test
  void transactionsKeepBatchesWholeButNotOnceAcrossACrash() {
    // the Kafka transaction commits before the channel's: a crash between them sends it again
    SendGuarantee transactional = of("transactional", "true");
    assertEquals(DeliveryLink.AT_LEAST_ONCE, transactional.level());
    assertTrue(transactional.reason().contains("sends it again, whole"), transactional.reason());
    assertEquals(DeliveryLink.AT_LEAST_ONCE, of().level());
  }
}
