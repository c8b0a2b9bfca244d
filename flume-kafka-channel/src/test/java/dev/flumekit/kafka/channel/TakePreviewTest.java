package dev.flumekit.kafka.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/** What the channel's take side would hand its sink for a record, without a broker. */
class TakePreviewTest {
  private static IsolatedKafkaChannel loaderChannel() {
    IsolatedKafkaChannel channel = new IsolatedKafkaChannel();
    channel.setName("clicks");
    channel.configure(
        new Context(
            Map.of(
                "kafka.bootstrap.servers", "localhost:9092",
                "kafka.topic", "course-clicks",
                "kafka.consumer.group.id", "loader",
                "parseAsFlumeEvent", "false")));
    return channel;
  }

  @Test
  void aRecordOfItsTopicBecomesTheEventATakeHandsOver() {
    Map.Entry<Map<String, String>, byte[]> taken =
        loaderChannel()
            .taken(
                "course-clicks",
                2,
                "203.0.113.7",
                1795278600000L,
                Map.of("course", "112", "lineId", "0123456789abcdef:0"),
                "line".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        Map.of(
            "course", "112",
            "lineId", "0123456789abcdef:0",
            "topic", "course-clicks",
            "partition", "2",
            "offset", "0",
            "timestamp", "1795278600000",
            "key", "203.0.113.7"),
        taken.getKey());
    assertEquals("line", new String(taken.getValue(), StandardCharsets.UTF_8));
  }

  @Test
  void aTopicTakesDoNotReadGivesNothing() {
    assertNull(loaderChannel().taken("access-logs", 0, null, null, Map.of(), new byte[0]));
  }
}
