package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flumekit.common.retry.Backoff;
import dev.flumekit.common.retry.RetryPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.hadoop.hbase.DoNotRetryIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conflict and re-read loop of exactly-once counting, over a table in memory. */
class ExactlyOnceCountersTest {
  static final ByteBuffer CLICKS = ByteBuffer.wrap(bytes("clicks"));

  private final FakeCounterStore store = new FakeCounterStore();
  private final HBaseSinkCounter counter = new HBaseSinkCounter("loader");
  private final List<Long> sleeps = new ArrayList<>();
  private final List<Integer> retried = new ArrayList<>();
  private final ExactlyOnceCounters counters = counters(-1);

  private ExactlyOnceCounters counters(int maxRetries) {
    return new ExactlyOnceCounters(
        store,
        "t",
        new RetryPolicy(maxRetries, new Backoff(100, 400)),
        sleeps::add,
        (count, cause, wait) -> retried.add(count),
        counter,
        0);
  }

  @AfterEach
  void close() {
    counters.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A counter row with one click per event, event i being line {@code positions[i]} of "f". */
  private static MutationBatch.CounterRow row(String row, int firstEvent, long... positions) {
    List<CounterRowPlan.Contribution> c = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      c.add(
          new CounterRowPlan.Contribution(
              firstEvent + i, new LineIdentity.Line("f", positions[i]), bytes("clicks"), 1));
    }
    return new MutationBatch.CounterRow(bytes(row), c);
  }

  private static BitSet events(int... events) {
    BitSet set = new BitSet();
    for (int e : events) {
      set.set(e);
    }
    return set;
  }

  @Test
  void aRowIsReadOnceThenWrittenFromWhatIsRemembered() throws Exception {
    counters.write(List.of(row("130", 0, 1, 2)));
    counters.write(List.of(row("130", 0, 3, 4)));
    assertEquals(4, store.clicks("130"));
    assertEquals(1, store.version("130"));
    assertEquals(1, store.reads, "the second batch plans from the state the first left");
    assertEquals(2, counter.getConditionalWrites());
  }

  @Test
  void aRefusedConditionReadsTheRowAgainAndAddsToWhatAnotherWriterCounted() throws Exception {
    counters.write(List.of(row("130", 0, 1)));
    store.beforeWrite =
        () -> {
          store.beforeWrite = () -> {};
          store.countElsewhere("130", "g", 50, 10);
        };
    ExactlyOnceCounters.Outcome outcome = counters.write(List.of(row("130", 0, 2)));
    assertEquals(List.of(), outcome.givenUp());
    assertEquals(new BitSet(), outcome.alreadyCounted());
    assertEquals(12, store.clicks("130"), "1 + the other writer's 10 + 1, each once");
    assertEquals(1, counter.getCounterConflicts());
    assertEquals(2, store.reads, "read at first, and again after the refusal");
    assertEquals(List.of(), sleeps, "a conflict is replanned at once");
  }

  @Test
  void aWriteWhoseOutcomeWasUnknownAndDidApplyIsFoundCountedNotCountedTwice() throws Exception {
    store.roundsToFailAfterApplying = 1;
    ExactlyOnceCounters.Outcome outcome = counters.write(List.of(row("130", 0, 1, 2)));
    assertEquals(2, store.clicks("130"));
    assertEquals(0, store.version("130"), "one write applied");
    assertEquals(List.of(1), retried);
    assertEquals(List.of(100L), sleeps);
    assertEquals(2, store.reads, "the row is read again after the unknown outcome");
    assertEquals(2, outcome.repeated());
    assertEquals(events(0, 1), outcome.alreadyCounted());
    assertEquals(List.of(), outcome.givenUp());
  }

  @Test
  void aBatchTakenAgainWritesNothingAndIsAlreadyCounted() throws Exception {
    counters.write(List.of(row("130", 0, 1, 2), row("131", 2, 3)));
    int rounds = store.rounds;
    ExactlyOnceCounters.Outcome again =
        counters.write(List.of(row("130", 0, 1, 2), row("131", 2, 3)));
    assertEquals(rounds, store.rounds, "nothing to write: no round");
    assertEquals(3, again.repeated());
    assertEquals(events(0, 1, 2), again.alreadyCounted());
    assertEquals(2, store.clicks("130"));
    assertEquals(1, store.clicks("131"));
  }

  @Test
  void aPartlyNewBatchCountsOnlyItsNewLines() throws Exception {
    counters.write(List.of(row("130", 0, 1, 2)));
    ExactlyOnceCounters.Outcome outcome = counters.write(List.of(row("130", 0, 2, 3)));
    assertEquals(3, store.clicks("130"));
    assertEquals(1, outcome.repeated());
    assertEquals(events(0), outcome.alreadyCounted());
  }

  @Test
  void anEventCountedByOneRowAndFoundCountedByAnotherIsNotARepeat() throws Exception {
    counters.write(List.of(row("day", 0, 5)));
    // event 0 (line 5) is new to the course row, counted already in the day row
    ExactlyOnceCounters.Outcome outcome =
        counters.write(List.of(row("day", 0, 5), row("course", 0, 5)));
    assertEquals(1, store.clicks("course"));
    assertEquals(1, store.clicks("day"));
    assertEquals(1, outcome.repeated());
    assertEquals(new BitSet(), outcome.alreadyCounted());
  }

  @Test
  void onlyTheRefusedRowsOfARoundAreWrittenAgain() throws Exception {
    counters.write(List.of(row("130", 0, 1), row("131", 1, 2)));
    store.beforeWrite =
        () -> {
          store.beforeWrite = () -> {};
          store.countElsewhere("131", "g", 9, 5);
        };
    counters.write(List.of(row("130", 0, 3), row("131", 1, 4)));
    assertEquals(2, store.clicks("130"));
    assertEquals(7, store.clicks("131"));
    assertEquals(1, counter.getCounterConflicts());
    assertEquals(5, counter.getConditionalWrites(), "2, then 2 of which 1 refused, then 1");
  }

  @Test
  void aPermanentFailureGivesUpTheRoundsRowsAtOnce() throws Exception {
    IOException refused = new DoNotRetryIOException("no such column family");
    store.failing = refused;
    ExactlyOnceCounters.Outcome outcome =
        counters.write(List.of(row("130", 0, 1, 2), row("131", 2, 3)));
    assertEquals(2, outcome.givenUp().size());
    assertSame(refused, outcome.givenUp().get(0).cause());
    assertEquals(1, store.rounds);
    assertEquals(List.of(), sleeps);
  }

  @Test
  void retriableFailuresAreRetriedWithBackoffUntilMaxRetries() throws Exception {
    store.failing = new IOException("region server gone");
    try (ExactlyOnceCounters bounded = counters(2)) {
      ExactlyOnceCounters.Outcome outcome = bounded.write(List.of(row("130", 0, 1)));
      assertEquals(1, outcome.givenUp().size());
      assertEquals(3, store.rounds, "the first write and 2 retries");
      assertEquals(List.of(100L, 200L), sleeps);
    }
    store.failing = null;
    assertEquals(0, store.clicks("130"));
  }
}
