package dev.flumekit.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw kafka-clients baseline, run in its own JVM like the agents: sends the benchmark's lines
 * as fast as the producer takes them. Usage: {@code RawProducer <bootstrap> <topic> <events>
 * [producer key=value ...]}.
 */
public final class RawProducer {
  private RawProducer() {}

  public static void main(String[] args) {
    String bootstrap = args[0];
    String topic = args[1];
    long events = Long.parseLong(args[2]);
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      config.put(kv[0], kv[1]);
    }
    byte[][] lines = AccessLogLines.generate(65536, 42L);
    AtomicLong failed = new AtomicLong();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < events; i++) {
        producer.send(
            new ProducerRecord<>(topic, lines[(int) (i % lines.length)]),
            (metadata, error) -> {
              if (error != null) {
                failed.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      System.err.println(failed.get() + " records failed");
      System.exit(1);
    }
  }
}
