package dev.flumekit.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor of a Kafka channel's put and take: what a channel in an agent does with Kafka, in one
 * plain Java process and no Flume. One thread sends the benchmark's lines in batches of {@code
 * batch} records, each batch flushed and every record acknowledged before the next (a put's
 * commit); another consumes them in the same process and commits the offsets of every poll
 * synchronously (a take's commit). It counts the records consumed ({@code taken} in its {@link
 * RawProgress} file) and ends when all were. Usage: {@code RawChannel <progress file> <bootstrap>
 * <topic> <events> <batch> [producer.<key>=<value> | consumer.<key>=<value> ...]}.
 */
public final class RawChannel {
  private RawChannel() {}

  public static void main(String[] args) throws Exception {
    RawProgress progress = new RawProgress(Path.of(args[0]));
    String bootstrap = args[1];
    String topic = args[2];
    long events = Long.parseLong(args[3]);
    int batch = Integer.parseInt(args[4]);
    Map<String, Object> producer = new HashMap<>(Map.of("bootstrap.servers", bootstrap));
    Map<String, Object> consumer =
        new HashMap<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                topic,
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                "false",
                "max.poll.records",
                batch));
    for (int i = 5; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv[0].startsWith("producer.")) {
        producer.put(kv[0].substring("producer.".length()), kv[1]);
      } else if (kv[0].startsWith("consumer.")) {
        consumer.put(kv[0].substring("consumer.".length()), kv[1]);
      } else {
        throw new IllegalArgumentException(args[i] + ": expected producer.<key> or consumer.<key>");
      }
    }
    AtomicReference<Exception> failed = new AtomicReference<>();
    Thread put = new Thread(() -> put(producer, topic, events, batch, failed), "put");
    put.start();
    progress.publish();
    long taken = 0;
    try (KafkaConsumer<byte[], byte[]> kafka =
        new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      kafka.subscribe(List.of(topic));
      while (taken < events) {
        ConsumerRecords<byte[], byte[]> polled = kafka.poll(Duration.ofMillis(100));
        if (failed.get() != null) {
          throw failed.get();
        }
        if (polled.isEmpty()) {
          continue;
        }
        kafka.commitSync();
        taken += polled.count();
        progress.add("taken", polled.count());
        progress.publish();
      }
    }
    put.join();
  }

  private static void put(
      Map<String, Object> settings,
      String topic,
      long events,
      int batch,
      AtomicReference<Exception> failed) {
    byte[][] lines = AccessLogLines.generate(65536, 42L);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long sent = 0; sent < events && failed.get() == null; ) {
        long end = Math.min(events, sent + batch);
        for (; sent < end; sent++) {
          producer.send(
              new ProducerRecord<>(topic, lines[(int) (sent % lines.length)]),
              (metadata, error) -> {
                if (error != null) {
                  failed.compareAndSet(null, error);
                }
              });
        }
        producer.flush(); // a put's commit: the batch acknowledged before the next
      }
    } catch (RuntimeException e) {
      failed.compareAndSet(null, e);
    }
  }
}
