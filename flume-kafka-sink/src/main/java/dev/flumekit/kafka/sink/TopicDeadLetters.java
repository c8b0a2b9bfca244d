package dev.flumekit.kafka.sink;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.deadletter.DeadLetterHandler;
import dev.flumekit.common.retry.Backoff;
import dev.flumekit.common.retry.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deadLetter=topic:<name>}: each dead letter is the original body and headers, plus {@code
 * flumekit.dlq.reason}, {@code flumekit.dlq.error} and {@code flumekit.dlq.topic}, written with the
 * sink's own producer (inside its transaction, in transactional mode). Retriable failures are
 * retried; a letter the dead-letter topic refuses as well goes to the fallback files, and so do all
 * letters while the cluster says the dead-letter topic does not exist (a send to it would block for
 * max.block.ms and be retried for ever).
 */
final class TopicDeadLetters implements DeadLetterHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TopicDeadLetters.class);
  static final String REASON = "flumekit.dlq.reason";
  static final String ERROR = "flumekit.dlq.error";
  static final String ORIGINAL_TOPIC = "flumekit.dlq.topic";

  private final String topic;
  private final TopicDirectory topics;
  private final RecordSender sender;
  private final DeadLetterHandler fallback;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final DeliveryCounter counter;

  TopicDeadLetters(
      String topic,
      TopicDirectory topics,
      RecordSender sender,
      DeadLetterHandler fallback,
      Backoff backoff,
      Sleeper sleeper,
      DeliveryCounter counter) {
    this.topic = topic;
    this.topics = topics;
    this.sender = sender;
    this.fallback = fallback;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.counter = counter;
  }

  @Override
  public void write(List<DeadLetter> letters) throws Exception {
    if (topics.existence(topic) == TopicDirectory.Existence.MISSING) {
      fallback.write(letters);
      counter.addToDeadLetterFallbackCount(letters.size());
      return;
    }
    List<DeadLetter> pending = letters;
    for (int retry = 1; !pending.isEmpty(); retry++) {
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(pending.size());
      for (DeadLetter letter : pending) {
        records.add(toRecord(letter));
      }
      Throwable[] outcomes = sender.sendAll(records);
      List<DeadLetter> again = new ArrayList<>();
      List<DeadLetter> refused = new ArrayList<>();
      Throwable last = null;
      for (int i = 0; i < outcomes.length; i++) {
        if (outcomes[i] == null) {
          continue;
        }
        last = outcomes[i];
        FailureKind kind = FailureKind.of(outcomes[i]);
        if (kind == FailureKind.RECORD_REJECTED) {
          refused.add(pending.get(i));
        } else {
          again.add(pending.get(i));
          if (kind == FailureKind.PRODUCER_BROKEN) {
            sender.reset();
          }
        }
      }
      if (!refused.isEmpty()) {
        LOG.error(
            "Dead-letter topic {} refused {} dead letters ({}); writing them to {}",
            topic,
            refused.size(),
            last,
            fallback.describe());
        fallback.write(refused);
        counter.addToDeadLetterFallbackCount(refused.size());
      }
      if (!again.isEmpty()) {
        counter.addToRetryCount(again.size());
        LOG.warn(
            "Dead-letter topic {}: {} letters failed ({}); retrying", topic, again.size(), last);
        sleeper.sleep(backoff.delayMs(retry));
      }
      pending = again;
    }
  }

  private ProducerRecord<byte[], byte[]> toRecord(DeadLetter letter) {
    List<Header> headers = new ArrayList<>(letter.headers().size() + 3);
    for (Map.Entry<String, String> h : letter.headers().entrySet()) {
      if (h.getKey() != null && h.getValue() != null) {
        headers.add(new RecordHeader(h.getKey(), utf8(h.getValue())));
      }
    }
    headers.add(new RecordHeader(REASON, utf8(letter.reason())));
    headers.add(new RecordHeader(ERROR, utf8(letter.errorClass())));
    headers.add(new RecordHeader(ORIGINAL_TOPIC, utf8(String.valueOf(letter.destination()))));
    return new ProducerRecord<>(topic, null, null, null, letter.body(), headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String describe() {
    return "topic " + topic + " (refused letters: " + fallback.describe() + ")";
  }

  @Override
  public void close() throws IOException {
    fallback.close();
  }
}
