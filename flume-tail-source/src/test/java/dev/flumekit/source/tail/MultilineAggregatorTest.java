package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.common.regex.LineRegex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MultilineAggregatorTest {
  private final List<String> events = new ArrayList<>();
  private final List<long[]> ranges = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger splits = new AtomicInteger();

  private final LineConsumer out =
      (b, off, len, start, end, truncated) -> {
        events.add(new String(b, off, len, StandardCharsets.UTF_8));
        ranges.add(new long[] {start, end});
        return true;
      };

  private MultilineAggregator aggregator(
      MultilineAggregator.Mode mode, String regex, int maxLines) {
    return new MultilineAggregator(
        mode,
        LineRegex.compile(regex),
        maxLines,
        1000,
        StandardCharsets.UTF_8,
        clock::get,
        splits::incrementAndGet);
  }

  private long feed(MultilineAggregator a, long offset, String... lines) {
    LineConsumer feeding = a.feeding(out);
    for (String line : lines) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      feeding.line(b, 0, b.length, offset, offset + b.length + 1, false);
      offset += b.length + 1;
    }
    return offset;
  }

  private static final String[] TRACE = {
    "2026-11-21 10:00:00 ERROR request failed",
    "java.lang.IllegalStateException: boom",
    "\tat dev.example.Service.call(Service.java:42)",
    "\tat dev.example.Main.main(Main.java:7)",
    "Caused by: java.io.IOException: disk",
    "\t... 2 more",
  };

  @Test
  void aStartPatternKeepsAStackTraceWithItsMessage() {
    MultilineAggregator a =
        aggregator(MultilineAggregator.Mode.START, "^\\d{4}-\\d{2}-\\d{2} ", 500);
    long end = feed(a, 0, TRACE);
    feed(a, end, "2026-11-21 10:00:01 INFO next");
    assertEquals(List.of(String.join("\n", TRACE)), events);
    assertEquals(0, ranges.get(0)[0]);
    assertEquals(end, ranges.get(0)[1]);
    assertTrue(a.hasPending());
    a.flush(out);
    assertEquals("2026-11-21 10:00:01 INFO next", events.get(1));
  }

  @Test
  void aContinuationPatternJoinsTheLinesThatMatchIt() {
    MultilineAggregator a =
        aggregator(
            MultilineAggregator.Mode.CONTINUATION,
            "^(\\s+at |\\s+\\.\\.\\. \\d+ more|Caused by: |java\\.)",
            500);
    feed(a, 0, "plain one");
    feed(a, 10, TRACE);
    feed(a, 500, "plain two");
    a.flush(out);
    assertEquals(List.of("plain one", String.join("\n", TRACE), "plain two"), events);
  }

  @Test
  void anEventAtTheLineLimitIsSplitNotDropped() {
    MultilineAggregator a = aggregator(MultilineAggregator.Mode.START, "^START", 3);
    feed(a, 0, "START", "a", "b", "c", "d", "START");
    a.flush(out);
    assertEquals(List.of("START\na\nb", "c\nd", "START"), events);
    assertEquals(1, splits.get());
  }

  @Test
  void aHeldEventIsDueAfterTheFlushTimeout() {
    MultilineAggregator a = aggregator(MultilineAggregator.Mode.START, "^START", 10);
    feed(a, 0, "START", "more");
    clock.set(999);
    assertFalse(a.pendingFor(1000));
    clock.set(1000);
    assertTrue(a.pendingFor(1000));
  }
}
