package dev.flumekit.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.testkit.KafkaBrokerExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consumer groups' lag measured from outside the consumers, against a real broker. */
class ConsumerGroupLagIT {
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

  private static void produce(String topic, int partition, int records) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.broker().bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, partition, null, "r" + i)).get();
      }
    }
  }

  private static void commit(String group, String topic, long... offsets) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> at = new HashMap<>();
    for (int p = 0; p < offsets.length; p++) {
      at.put(new TopicPartition(topic, p), new OffsetAndMetadata(offsets[p]));
    }
    try (Admin admin = kafka.broker().admin()) {
      admin.alterConsumerGroupOffsets(group, at).all().get();
    }
  }

  @Test
  void theGroupsReadingATopicAreFoundAndTheirLagMeasuredWhileNoConsumerRuns() throws Exception {
    kafka.broker().createTopic("lag-clicks", 2);
    kafka.broker().createTopic("lag-other", 1);
    produce("lag-clicks", 0, 30);
    produce("lag-clicks", 1, 12);
    produce("lag-other", 0, 5);
    // stopped groups: offsets committed, no member
    commit("lag-a-loader", "lag-clicks", 10, 12);
    commit("lag-b-audit", "lag-clicks", 0);
    commit("lag-c-elsewhere", "lag-other", 1);
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", kafka.broker().bootstrapServers()))) {
      ConsumerGroupLag lag = new ConsumerGroupLag(admin, 10_000);
      ConsumerGroupLag.Groups readers = lag.readersOf(List.of("lag-clicks"), 50);
      assertEquals(List.of("lag-a-loader", "lag-b-audit"), readers.names());
      assertEquals(0, readers.leftOut());

      assertEquals(
          "lag-clicks-0=20 lag-a-loader\nlag-clicks-1=0 lag-a-loader\nlag-clicks-0=30 lag-b-audit",
          ConsumerGroupLag.text(
              lag.measure(
                  readers.names(), List.of("lag-clicks"), ConsumerGroupLag.Uncommitted.LEFT_OUT)));
      // a group that must read the topic (a take side, a named group): uncommitted is all behind
      assertEquals(
          "lag-clicks-0=30 lag-b-audit\nlag-clicks-1=12 lag-b-audit",
          ConsumerGroupLag.text(
              lag.measure(
                  List.of("lag-b-audit"),
                  List.of("lag-clicks"),
                  ConsumerGroupLag.Uncommitted.BEHIND)));
      // a named group reads some of the topics written: one it committed nothing on is left out,
      // an uncommitted partition of one it reads is all behind
      assertEquals(
          "lag-clicks-0=30 lag-b-audit\nlag-clicks-1=12 lag-b-audit",
          ConsumerGroupLag.text(
              lag.measure(
                  List.of("lag-b-audit"),
                  List.of("lag-clicks", "lag-other"),
                  ConsumerGroupLag.Uncommitted.BEHIND_IN_TOPICS_READ)));

      // the cap: only the first groups by name are looked at, and the rest are counted
      ConsumerGroupLag.Groups capped = lag.readersOf(List.of("lag-clicks"), 1);
      assertEquals(List.of("lag-a-loader"), capped.names());
      assertEquals(2, capped.leftOut());
    }
  }
}
