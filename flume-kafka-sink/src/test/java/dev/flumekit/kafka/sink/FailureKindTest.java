package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.retry.Backoff;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class FailureKindTest {
  @Test
  void recordProblemsAreRejected() {
    for (Throwable t :
        List.of(
            new RecordTooLargeException("big"),
            new InvalidTopicException("bad"),
            new SerializationException("x"),
            new IllegalArgumentException("Invalid partition given with record: -1"),
            new KafkaException(
                "Invalid partition given with record: 7 is not in the range [0...3)."))) {
      assertEquals(FailureKind.RECORD_REJECTED, FailureKind.of(t), t.toString());
    }
  }

  @Test
  void outagesAndUnknownsAreRetried() {
    for (Throwable t :
        List.of(
            new TimeoutException("Expiring 10 record(s)"),
            new NetworkException("down"),
            new NotLeaderOrFollowerException("moved"),
            new NotEnoughReplicasException("isr"),
            new TopicAuthorizationException("acl"),
            new KafkaException("something else"))) {
      assertEquals(FailureKind.RETRIABLE, FailureKind.of(t), t.toString());
    }
  }

  @Test
  void brokenProducersAreReplaced() {
    for (Throwable t :
        List.of(
            new ProducerFencedException("fenced"),
            new OutOfOrderSequenceException("seq"),
            new AuthenticationException("sasl"),
            new IllegalStateException("closed"))) {
      assertEquals(FailureKind.PRODUCER_BROKEN, FailureKind.of(t), t.toString());
    }
  }

  @Test
  void backoffDoublesUpToItsCap() {
    Backoff b = new Backoff(100, 1000);
    assertEquals(
        List.of(100L, 200L, 400L, 800L, 1000L, 1000L),
        List.of(
            b.delayMs(1), b.delayMs(2), b.delayMs(3), b.delayMs(4), b.delayMs(5), b.delayMs(60)));
  }
}
