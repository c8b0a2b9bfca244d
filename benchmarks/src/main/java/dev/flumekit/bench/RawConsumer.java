package dev.flumekit.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The floor of a Kafka source: what a source in an agent does with Kafka, in one plain Java process
 * and no Flume. It consumes a topic from the earliest offset in polls of up to {@code batch}
 * records and commits each poll's offsets asynchronously, as flumekit's source commits a batch its
 * channel accepted, counting the records ({@code taken} in its {@link RawProgress} file), and ends
 * when {@code records} were read. Usage: {@code RawConsumer <progress file> <bootstrap> <topic>
 * <group> <records> <batch> [<key>=<value> ...]}.
 */
public final class RawConsumer {
  private RawConsumer() {}

  public static void main(String[] args) throws Exception {
    RawProgress progress = new RawProgress(Path.of(args[0]));
    String bootstrap = args[1];
    String topic = args[2];
    String group = args[3];
    long records = Long.parseLong(args[4]);
    int batch = Integer.parseInt(args[5]);
    Map<String, Object> consumer =
        new HashMap<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                group,
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                "false",
                "max.poll.records",
                batch));
    for (int i = 6; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      consumer.put(kv[0], kv[1]);
    }
    progress.publish();
    long taken = 0;
    try (KafkaConsumer<byte[], byte[]> kafka =
        new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      kafka.subscribe(List.of(topic));
      while (taken < records) {
        ConsumerRecords<byte[], byte[]> polled = kafka.poll(Duration.ofMillis(100));
        if (polled.isEmpty()) {
          continue;
        }
        // as flumekit's source commits after its channel accepted a batch: asynchronously, the
        // next poll not waiting for it
        kafka.commitAsync();
        taken += polled.count();
        progress.add("taken", polled.count());
        progress.publish();
      }
    }
  }
}
