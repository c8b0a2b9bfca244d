package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.deadletter.DeadLetter;
import dev.flumekit.common.retry.Backoff;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicDeadLettersTest {
  private final KafkaSinkCounter counter = new KafkaSinkCounter("dlq-test-" + System.nanoTime());
  private final BatchDeliveryTest.CollectingDeadLetters files =
      new BatchDeliveryTest.CollectingDeadLetters();

  private static DeadLetter letter(String body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("course", "130");
    headers.put(null, "a header without a name");
    return new DeadLetter(body.getBytes(StandardCharsets.UTF_8), headers, "too big", "E", "logs");
  }

  @Test
  void lettersGoToTheFilesWhileTheDeadLetterTopicIsMissing() throws Exception {
    BatchDeliveryTest.ScriptedSender sender =
        new BatchDeliveryTest.ScriptedSender((v, attempt) -> null);
    TopicDeadLetters dlq =
        new TopicDeadLetters(
            "logs-dlq",
            topic -> TopicDirectory.Existence.MISSING,
            sender,
            files,
            new Backoff(100, 1000),
            ms -> {},
            counter);
    dlq.write(List.of(letter("a"), letter("b")));
    assertEquals(List.of(), sender.sent, "nothing sent to a topic the cluster does not have");
    assertEquals(2, files.letters.size());
    assertEquals(2, counter.getDeadLetterFallbackCount());
  }

  @Test
  void lettersGoToTheTopicWithTheirHeadersWhenItExists() throws Exception {
    BatchDeliveryTest.ScriptedSender sender =
        new BatchDeliveryTest.ScriptedSender((v, attempt) -> null);
    TopicDeadLetters dlq =
        new TopicDeadLetters(
            "logs-dlq",
            topic -> TopicDirectory.Existence.EXISTS,
            sender,
            files,
            new Backoff(100, 1000),
            ms -> {},
            counter);
    dlq.write(List.of(letter("a")));
    assertEquals(List.of("a"), sender.sent, "a header without a name is left out, not a throw");
    assertEquals(List.of("logs-dlq"), sender.topics);
    assertEquals(0, files.letters.size());
  }
}
