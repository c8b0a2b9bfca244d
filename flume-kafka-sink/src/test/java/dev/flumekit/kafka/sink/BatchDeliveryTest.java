package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.deadletter.DeadLetterHandler;
import dev.flumekit.common.deadletter.DeadLetters;
import dev.flumekit.common.deadletter.FileLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class BatchDeliveryTest {
  /** Answers each send from a script of (value, try number) to error; logs what was sent. */
  static final class ScriptedSender implements RecordSender {
    final List<String> sent = new ArrayList<>();
    final List<String> topics = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, Integer> tries = new HashMap<>();
    final BiFunction<String, Integer, Throwable> script;
    int resets;

    ScriptedSender(BiFunction<String, Integer, Throwable> script) {
      this.script = script;
    }

    @Override
    public Pending send(List<ProducerRecord<byte[], byte[]>> records) {
      calls.add("send " + records.size());
      Throwable[] out = new Throwable[records.size()];
      for (int i = 0; i < out.length; i++) {
        String value = new String(records.get(i).value(), StandardCharsets.UTF_8);
        int attempt = tries.merge(value, 1, Integer::sum);
        sent.add(value);
        topics.add(records.get(i).topic());
        out[i] = script.apply(value, attempt);
      }
      return () -> out;
    }

    @Override
    public void flush() {}

    @Override
    public void beginTransaction() {
      calls.add("begin");
    }

    @Override
    public void commitTransaction() {
      calls.add("commit");
    }

    @Override
    public void abortTransaction() {
      calls.add("abort");
    }

    @Override
    public void reset() {
      resets++;
      calls.add("reset");
    }

    @Override
    public void close() {}
  }

  static final class CollectingDeadLetters implements DeadLetterHandler {
    final List<DeadLetter> letters = new ArrayList<>();

    @Override
    public void write(List<DeadLetter> batch) {
      letters.addAll(batch);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  private final List<Long> sleeps = new ArrayList<>();
  private final java.util.Set<String> missingTopics = new java.util.HashSet<>();
  private final CollectingDeadLetters deadLetters = new CollectingDeadLetters();
  private final KafkaSinkCounter counter = new KafkaSinkCounter("test-" + System.nanoTime());

  private final Map<String, Integer> topicLimits = new HashMap<>();

  private BatchDelivery delivery(RecordSender sender, String... keyValues) {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", "b:9092");
    p.put("kafka.topic", "logs");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    // dead letters collected here stand for a topic: fail is still refused by its own handler
    p.putIfAbsent("deadLetter", "topic:dlq");
    if (p.get("transactional") != null) {
      p.put("transactionalId", "agent-k1");
    }
    KafkaSinkConfig config = KafkaSinkConfig.parse("k1", p);
    DeadLetters handedOver =
        DeadLetters.forPolicy(
            config.get(KafkaSinkConfig.DEAD_LETTER),
            FileLimits.DEFAULT,
            "Sink",
            "k1",
            topic -> deadLetters,
            counter::addToDeadLetterCount);
    return BatchDelivery.forGuarantee(
        config,
        new EventRecordMapper(config),
        new TopicDirectory() {
          @Override
          public Existence existence(String topic) {
            return missingTopics.contains(topic) ? Existence.MISSING : Existence.EXISTS;
          }

          @Override
          public int maxMessageBytes(String topic) {
            return topicLimits.getOrDefault(topic, NO_KNOWN_LIMIT);
          }
        },
        sender,
        handedOver,
        sleeps::add,
        counter);
  }

  private static List<Event> events(String... bodies) {
    List<Event> events = new ArrayList<>();
    for (String body : bodies) {
      events.add(EventBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)));
    }
    return events;
  }

  @Test
  void retriesOnlyTheRecordsThatFailed() throws Exception {
    ScriptedSender sender =
        new ScriptedSender(
            (v, attempt) -> v.equals("b") && attempt < 3 ? new NetworkException("down") : null);
    BatchDelivery.Result result = delivery(sender).deliver(events("a", "b", "c"));
    assertEquals(new BatchDelivery.Result(3, 0), result);
    assertEquals(List.of("a", "b", "c", "b", "b"), sender.sent);
    assertEquals(List.of(100L, 200L), sleeps);
    assertEquals(2, counter.getRetryCount());
    assertEquals(3, counter.getBytesSent());
  }

  @Test
  void deadLettersAPoisonRecordAndDeliversTheRestOnce() throws Exception {
    ScriptedSender sender =
        new ScriptedSender(
            (v, attempt) -> v.equals("poison") ? new RecordTooLargeException("too big") : null);
    BatchDelivery.Result result = delivery(sender).deliver(events("a", "poison", "c"));
    assertEquals(new BatchDelivery.Result(2, 1), result);
    assertEquals(List.of("a", "poison", "c"), sender.sent);
    DeadLetter letter = deadLetters.letters.get(0);
    assertEquals("poison", new String(letter.body(), StandardCharsets.UTF_8));
    assertEquals("too big", letter.reason());
    assertEquals(RecordTooLargeException.class.getName(), letter.errorClass());
    assertEquals("logs", letter.destination());
    assertEquals(1, counter.getDeadLetterCount());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void aRecordOverItsTopicsMessageLimitIsSetAsideUnsent() throws Exception {
    topicLimits.put("logs", 108); // a record of 40 bytes alone in a batch
    ScriptedSender sender = new ScriptedSender((v, attempt) -> null);
    String large = "x".repeat(40);
    String tooLarge = "y".repeat(41);
    BatchDelivery.Result result =
        delivery(sender, "transactional", "true").deliver(events("a", tooLarge, large));
    assertEquals(new BatchDelivery.Result(2, 1), result);
    assertEquals(List.of("a", large), sender.sent);
    DeadLetter letter = deadLetters.letters.get(0);
    assertEquals("TopicMessageLimit", letter.errorClass());
    assertEquals(
        "a record of 109 bytes is over topic 'logs' max.message.bytes 108", letter.reason());
  }

  @Test
  void refusedEventsAreNeverSent() throws Exception {
    ScriptedSender sender = new ScriptedSender((v, attempt) -> null);
    List<Event> batch = events("a", "b");
    batch.get(1).getHeaders().put("p", "x");
    assertEquals(
        new BatchDelivery.Result(1, 1), delivery(sender, "partitionIdHeader", "p").deliver(batch));
    assertEquals(List.of("a"), sender.sent);
    assertEquals("BadPartitionHeader", deadLetters.letters.get(0).errorClass());
  }

  @Test
  void givesUpAfterMaxRetriesIntoTheDeadLetters() throws Exception {
    ScriptedSender sender = new ScriptedSender((v, attempt) -> new TimeoutException("expired"));
    BatchDelivery.Result result = delivery(sender, "maxRetries", "2").deliver(events("a"));
    assertEquals(new BatchDelivery.Result(0, 1), result);
    assertEquals(3, sender.sent.size());
    assertEquals("gave up after 2 retries: expired", deadLetters.letters.get(0).reason());
  }

  @Test
  void failPolicyRefusesTheBatch() {
    ScriptedSender sender =
        new ScriptedSender(
            (v, attempt) -> v.equals("poison") ? new RecordTooLargeException("too big") : null);
    EventDeliveryException e =
        assertThrows(
            EventDeliveryException.class,
            () -> delivery(sender, "deadLetter", "fail").deliver(events("a", "poison")));
    assertEquals(
        "Sink k1: 1 events cannot be written and deadLetter=fail; first: too big"
            + " (org.apache.kafka.common.errors.RecordTooLargeException)",
        e.getMessage());
    assertTrue(deadLetters.letters.isEmpty());
  }

  @Test
  void replacesABrokenProducerAndRetries() throws Exception {
    ScriptedSender sender =
        new ScriptedSender((v, attempt) -> attempt == 1 ? new ProducerFencedException("f") : null);
    assertEquals(new BatchDelivery.Result(2, 0), delivery(sender).deliver(events("a", "b")));
    assertEquals(1, sender.resets);
    assertEquals(1, counter.getProducerResetCount());
  }

  @Test
  void transactionalModeAbortsAndResendsTheBatchWithoutDeadLetters() throws Exception {
    ScriptedSender sender =
        new ScriptedSender(
            (v, attempt) -> {
              if (v.equals("poison")) {
                return new RecordTooLargeException("too big");
              }
              return v.equals("b") && attempt == 2 ? new NetworkException("blip") : null;
            });
    BatchDelivery.Result result =
        delivery(sender, "transactional", "true").deliver(events("a", "poison", "b"));
    assertEquals(new BatchDelivery.Result(2, 1), result);
    assertEquals(
        List.of(
            "begin", "send 3", "abort", // the poison fails the transaction
            "begin", "send 1", "send 1", "abort", // one by one: the second record is the poison
            "begin", "send 2", "abort", // a network blip on b
            "begin", "send 2", "commit"),
        sender.calls);
    assertEquals(List.of(100L), sleeps);
    assertEquals(1, deadLetters.letters.size());
  }

  @Test
  void anEventForATopicTheClusterLacksIsADeadLetterAtOnceAndTheRestIsDelivered() throws Exception {
    missingTopics.add("nowhere");
    ScriptedSender sender = new ScriptedSender((v, attempt) -> null);
    List<Event> batch = events("a", "lost", "c");
    batch.get(1).getHeaders().put("topic", "nowhere");
    BatchDelivery.Result result = delivery(sender).deliver(batch);
    assertEquals(new BatchDelivery.Result(2, 1), result);
    assertEquals(List.of("a", "c"), sender.sent, "nothing sent to the missing topic");
    assertEquals(List.of(), sleeps, "no retry, no wait");
    DeadLetter letter = deadLetters.letters.get(0);
    assertEquals("TopicMissing", letter.errorClass());
    assertEquals("nowhere", letter.destination());
    assertEquals(
        "topic 'nowhere' does not exist and the cluster does not create topics on demand",
        letter.reason());
  }

  @Test
  void anEventForATopicTheClusterLacksGoesToTheFallbackTopic() throws Exception {
    missingTopics.add("nowhere");
    ScriptedSender sender = new ScriptedSender((v, attempt) -> null);
    List<Event> batch = events("a", "rerouted");
    batch.get(1).getHeaders().put("topic", "nowhere");
    BatchDelivery.Result result = delivery(sender, "fallbackTopic", "logs-other").deliver(batch);
    assertEquals(new BatchDelivery.Result(2, 0), result);
    assertEquals(List.of("logs", "logs-other"), sender.topics);
  }

  @Test
  void transactionalDeliveryRoutesMissingTopicsToo() throws Exception {
    missingTopics.add("nowhere");
    ScriptedSender sender = new ScriptedSender((v, attempt) -> null);
    List<Event> batch = events("a", "lost");
    batch.get(1).getHeaders().put("topic", "nowhere");
    BatchDelivery.Result result = delivery(sender, "transactional", "true").deliver(batch);
    assertEquals(new BatchDelivery.Result(1, 1), result);
    assertEquals("TopicMissing", deadLetters.letters.get(0).errorClass());
  }
}
