package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flumekit.common.retry.Backoff;
import dev.flumekit.common.retry.RetryPolicy;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.hbase.DoNotRetryIOException;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class RetryingWriterTest {
  /** Fails, per round, the mutations whose row is listed, with the given cause. */
  private static final class ScriptedWriter implements RetryingWriter.MutationWriter {
    final Deque<List<String>> failingRows = new ArrayDeque<>();
    final List<List<String>> sent = new ArrayList<>();
    Exception cause = new SocketTimeoutException("region server gone");

    @Override
    public List<TableWriter.Failure> write(List<? extends Mutation> mutations) throws IOException {
      List<String> rows = new ArrayList<>();
      mutations.forEach(m -> rows.add(Bytes.toString(m.getRow())));
      sent.add(rows);
      List<String> failing = failingRows.isEmpty() ? List.of() : failingRows.poll();
      List<TableWriter.Failure> failures = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (failing.contains(rows.get(i))) {
          failures.add(new TableWriter.Failure(i, cause, TableWriter.isPermanent(cause)));
        }
      }
      return failures;
    }
  }

  private final List<Long> sleeps = new ArrayList<>();
  private final List<Integer> retried = new ArrayList<>();

  private RetryingWriter writer(ScriptedWriter scripted, int maxRetries) {
    return new RetryingWriter(
        scripted,
        new RetryPolicy(maxRetries, new Backoff(100, 400)),
        sleeps::add,
        (count, cause, wait) -> retried.add(count));
  }

  private static List<Mutation> puts(String... rows) {
    List<Mutation> puts = new ArrayList<>();
    for (String row : rows) {
      puts.add(
          new Put(Bytes.toBytes(row))
              .addColumn(Bytes.toBytes("d"), Bytes.toBytes("q"), Bytes.toBytes(1)));
    }
    return puts;
  }

  @Test
  void onlyTheFailedMutationsAreResentUntilTheySucceed() throws Exception {
    ScriptedWriter scripted = new ScriptedWriter();
    scripted.failingRows.add(List.of("b", "d"));
    scripted.failingRows.add(List.of("d"));
    scripted.failingRows.add(List.of("d"));
    assertEquals(List.of(), writer(scripted, -1).write(puts("a", "b", "c", "d")));
    assertEquals(
        List.of(List.of("a", "b", "c", "d"), List.of("b", "d"), List.of("d"), List.of("d")),
        scripted.sent);
    assertEquals(List.of(100L, 200L, 400L), sleeps);
    assertEquals(List.of(2, 1, 1), retried);
  }

  @Test
  void aPermanentFailureIsGivenUpAtOnce() throws Exception {
    ScriptedWriter scripted = new ScriptedWriter();
    scripted.cause = new DoNotRetryIOException("no such column family");
    scripted.failingRows.add(List.of("b"));
    List<RetryingWriter.GivenUp> givenUp = writer(scripted, -1).write(puts("a", "b", "c"));
    assertEquals(1, givenUp.size());
    assertEquals(1, givenUp.get(0).mutation());
    assertEquals(1, scripted.sent.size());
    assertEquals(List.of(), sleeps);
  }

  @Test
  void maxRetriesBoundsTheResends() throws Exception {
    ScriptedWriter scripted = new ScriptedWriter();
    for (int i = 0; i < 10; i++) {
      scripted.failingRows.add(List.of("c"));
    }
    List<RetryingWriter.GivenUp> givenUp = writer(scripted, 2).write(puts("a", "b", "c"));
    assertEquals(1, givenUp.size());
    assertEquals(2, givenUp.get(0).mutation(), "the position in the batch, not in the last round");
    assertEquals(3, scripted.sent.size(), "the first send and 2 re-sends");
  }
}
