package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.KafkaBrokerExtension;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Sink;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The broker goes away in the middle of a stream and comes back: nothing may be lost. */
class KafkaSinkOutageIT {
  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

  @Test
  void brokerStoppedMidStreamAndRestartedLosesNothing() throws Exception {
    int total = 150_000;
    kafka.broker().createTopic("outage", 3);
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", kafka.broker().bootstrapServers());
    config.put("kafka.topic", "outage");
    config.put("flumeBatchSize", "500");
    config.put("retryBackoffMs", "200");
    config.put("retryBackoffMaxMs", "1000");
    config.put("deadLetter", "file:" + dir.resolve("dlq"));
    config.put("kafka.producer.delivery.timeout.ms", "4000");
    config.put("kafka.producer.request.timeout.ms", "1500");
    config.put("kafka.producer.max.block.ms", "2000");
    config.put("kafka.producer.reconnect.backoff.max.ms", "500");

    try (SinkHarness h = new SinkHarness("outage", config)) {
      AtomicReference<Throwable> crash = new AtomicReference<>();
      AtomicBoolean fed = new AtomicBoolean();
      // an application writing ~25,000 lines/s for 6 s, through the outage
      Thread feeder =
          new Thread(
              () -> {
                try {
                  for (int from = 0; from < total; from += 100) {
                    List<Event> batch = new ArrayList<>(100);
                    for (int i = from; i < from + 100; i++) {
                      batch.add(
                          EventBuilder.withBody(("ev-" + i).getBytes(StandardCharsets.UTF_8)));
                    }
                    h.put(batch);
                    Thread.sleep(4);
                  }
                  fed.set(true);
                } catch (Throwable t) {
                  crash.set(t);
                }
              },
              "feeder");
      Thread runner =
          new Thread(
              () -> {
                try {
                  while (true) {
                    try {
                      if (h.sink.process() == Sink.Status.BACKOFF
                          && fed.get()
                          && channelSize("c-outage") == 0) {
                        return;
                      }
                    } catch (EventDeliveryException e) {
                      Thread.sleep(100);
                    }
                  }
                } catch (Throwable t) {
                  crash.set(t);
                }
              },
              "sink-runner");
      feeder.start();
      runner.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (kafka.broker().endOffsetSum("outage") < 20_000 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(fed.get(), "the outage comes while the application still writes");
      kafka.broker().stop();
      Thread.sleep(5000);
      assertTrue(runner.isAlive(), "the sink waits for the broker");
      kafka.broker().startServer();
      feeder.join(Duration.ofSeconds(60).toMillis());
      runner.join(Duration.ofSeconds(120).toMillis());
      assertFalse(runner.isAlive(), "the sink drained the channel after the broker came back");
      assertEquals(null, crash.get());
      assertTrue(
          ((Long) KafkaSinkIT.attribute("outage", "RetryCount")) > 0, "records were retried");
      assertEquals(0L, KafkaSinkIT.attribute("outage", "DeadLetterCount"));
    }

    List<ConsumerRecord<byte[], byte[]>> records = kafka.broker().readAll("outage", total);
    Map<String, Integer> seen = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      seen.merge(new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum);
    }
    int lost = 0;
    for (int i = 0; i < total; i++) {
      if (!seen.containsKey("ev-" + i)) {
        lost++;
      }
    }
    int duplicates = records.size() - seen.size();
    System.out.printf(
        "broker outage: sent %d, received %d, lost %d, duplicated %d%n",
        total, records.size(), lost, duplicates);
    assertEquals(0, lost, "lost events");
  }

  private static long channelSize(String channel) throws Exception {
    return (Long)
        ManagementFactory.getPlatformMBeanServer()
            .getAttribute(
                new ObjectName("org.apache.flume.channel:type=" + channel), "ChannelSize");
  }
}
