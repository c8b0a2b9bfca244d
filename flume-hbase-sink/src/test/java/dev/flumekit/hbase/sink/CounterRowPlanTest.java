package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterRowPlanTest {
  private static final byte[] ROW = bytes("20261128_130");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static CounterRowPlan.Contribution click(int event, String sequence, long position) {
    return new CounterRowPlan.Contribution(
        event, new LineIdentity.Line(sequence, position), bytes("clicks"), 1);
  }

  private static long clicks(CounterRowPlan plan) {
    return plan.amounts().getOrDefault(ByteBuffer.wrap(bytes("clicks")), 0L);
  }

  /** Clicks of sequence s at positions 0, 100, 200, ... (one per line of 100 bytes). */
  private static List<CounterRowPlan.Contribution> lines(String s, int from, int to) {
    List<CounterRowPlan.Contribution> c = new ArrayList<>();
    for (int i = from; i < to; i++) {
      c.add(click(c.size(), s, i * 100L));
    }
    return c;
  }

  private static CounterRowPlan.Applied state(
      long version, Map<String, Long> positions, Map<ByteBuffer, Long> totals) {
    return state(version, positions, totals, 0);
  }

  private static CounterRowPlan.Applied state(
      long version, Map<String, Long> positions, Map<ByteBuffer, Long> totals, long writtenMillis) {
    Map<String, CounterRowPlan.Marker> markers = new java.util.HashMap<>();
    positions.forEach((k, v) -> markers.put(k, new CounterRowPlan.Marker(v, writtenMillis)));
    return new CounterRowPlan.Applied(
        version, markers, new java.util.HashMap<>(totals), Long.MIN_VALUE);
  }

  private static Map<String, Long> positions(CounterRowPlan.Applied state) {
    Map<String, Long> positions = new java.util.HashMap<>();
    state.markers().forEach((k, m) -> positions.put(k, m.position()));
    return positions;
  }

  private static final long DAY = 86_400_000L;

  @Test
  void markersNotMovedForTheRetentionAreDeletedWithTheRowsNextWriteAndNoEarlier() {
    long now = 100 * DAY;
    CounterRowPlan.Applied before =
        state(3, Map.of("old", 10L, "recent", 20L), Map.of(), now - 8 * DAY);
    before.markers().put("recent", new CounterRowPlan.Marker(20, now - DAY));
    CounterRowPlan.Expiry sevenDays = new CounterRowPlan.Expiry(now, 7 * DAY);
    CounterRowPlan plan = CounterRowPlan.of(ROW, lines("new", 0, 2), before, sevenDays);
    assertEquals(List.of("old"), plan.expired());
    CounterRowPlan.Applied after = plan.after();
    assertEquals(Map.of("recent", 20L, "new", 100L), positions(after));
    // searched again only a hundredth of the retention later
    after.markers().put("recent", new CounterRowPlan.Marker(20, now - 8 * DAY));
    CounterRowPlan soon =
        CounterRowPlan.of(
            ROW, lines("new", 2, 3), after, new CounterRowPlan.Expiry(now + 1000, 7 * DAY));
    assertEquals(List.of(), soon.expired());
    CounterRowPlan later =
        CounterRowPlan.of(
            ROW, lines("new", 3, 4), after, new CounterRowPlan.Expiry(now + DAY, 7 * DAY));
    assertEquals(List.of("recent"), later.expired());
    // a replayed batch writes nothing, so it deletes nothing either
    CounterRowPlan replay =
        CounterRowPlan.of(
            ROW, lines("new", 0, 2), after, new CounterRowPlan.Expiry(now + DAY, 7 * DAY));
    assertTrue(replay.nothingToWrite());
    assertEquals(List.of(), replay.expired());
  }

  @Test
  void theStateAfterAWriteIsTheStateBeforeChangedInPlaceNotACopyOfTheRowsHistory() {
    Map<String, Long> many = new java.util.HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      many.put("seq" + i, 5L);
    }
    CounterRowPlan.Applied before = state(1, many, Map.of());
    CounterRowPlan.Applied after = CounterRowPlan.of(ROW, lines("x", 0, 3), before).after();
    assertTrue(after.markers() == before.markers(), "the same map, changed in place");
    assertEquals(10_001, after.markers().size());
    assertEquals(2, after.version());
  }

  @Test
  void aRowNeverWrittenCountsEveryLineAndRemembersTheLastPosition() {
    CounterRowPlan plan =
        CounterRowPlan.of(ROW, lines("f@t-0", 0, 10), CounterRowPlan.Applied.none());
    assertEquals(10, clicks(plan));
    assertEquals(-1, plan.expectedVersion());
    assertEquals(Map.of("f@t-0", 900L), plan.advanced());
    CounterRowPlan.Applied after = plan.after();
    assertEquals(0, after.version());
    assertEquals(Map.of("f@t-0", 900L), positions(after));
    assertEquals(Map.of(ByteBuffer.wrap(bytes("clicks")), 10L), after.totals());
  }

  @Test
  void aReplayedBatchAddsNothing() {
    CounterRowPlan first = CounterRowPlan.of(ROW, lines("f", 0, 10), CounterRowPlan.Applied.none());
    CounterRowPlan replay = CounterRowPlan.of(ROW, lines("f", 0, 10), first.after());
    assertTrue(replay.nothingToWrite());
    assertEquals(10, replay.repeated().cardinality());
    assertEquals(0, clicks(replay));
  }

  @Test
  void aBatchReplayedAfterItsFirstPartWasCountedCountsOnlyTheRest() {
    CounterRowPlan first = CounterRowPlan.of(ROW, lines("f", 0, 4), CounterRowPlan.Applied.none());
    // the loader restarted: its next batch begins where the committed offsets were, before line 0
    CounterRowPlan replay = CounterRowPlan.of(ROW, lines("f", 0, 10), first.after());
    assertEquals(6, clicks(replay));
    assertEquals(4, replay.repeated().cardinality());
    assertEquals(Map.of("f", 900L), replay.advanced());
    assertEquals(1, replay.after().version());
  }

  @Test
  void aLineReSentLaterInTheSameBatchCountsOnce() {
    List<CounterRowPlan.Contribution> c = new ArrayList<>(lines("f", 0, 5));
    // a restarted collector re-sent lines 3 and 4 after them, then went on with 5
    c.add(click(5, "f", 300));
    c.add(click(6, "f", 400));
    c.add(click(7, "f", 500));
    CounterRowPlan plan = CounterRowPlan.of(ROW, c, CounterRowPlan.Applied.none());
    assertEquals(6, clicks(plan));
    assertEquals(2, plan.repeated().cardinality());
    assertTrue(plan.repeated().get(5) && plan.repeated().get(6));
  }

  @Test
  void sequencesAreIndependent() {
    CounterRowPlan.Applied before =
        state(7, Map.of("a", 500L, "b", 100L), Map.of(ByteBuffer.wrap(bytes("clicks")), 40L));
    List<CounterRowPlan.Contribution> c = new ArrayList<>();
    c.add(click(0, "a", 400)); // counted before
    c.add(click(1, "b", 200)); // new
    c.add(click(2, "c", 0)); // a sequence this row has not seen
    c.add(click(3, "a", 600)); // new
    CounterRowPlan plan = CounterRowPlan.of(ROW, c, before);
    assertEquals(3, clicks(plan));
    assertEquals(7, plan.expectedVersion());
    assertEquals(Map.of("a", 600L, "b", 200L, "c", 0L), plan.advanced());
    assertEquals(Map.of(ByteBuffer.wrap(bytes("clicks")), 43L), plan.totals(), "40 + 3 new");
    CounterRowPlan.Applied after = plan.after();
    assertEquals(8, after.version());
    assertEquals(Map.of("a", 600L, "b", 200L, "c", 0L), positions(after));
  }

  @Test
  void anEventsSeveralColumnsAreDecidedTogether() {
    List<CounterRowPlan.Contribution> c = new ArrayList<>();
    LineIdentity.Line line = new LineIdentity.Line("f", 0);
    c.add(new CounterRowPlan.Contribution(0, line, bytes("clicks"), 1));
    c.add(new CounterRowPlan.Contribution(0, line, bytes("bytes"), 5120));
    CounterRowPlan plan = CounterRowPlan.of(ROW, c, CounterRowPlan.Applied.none());
    assertEquals(1, clicks(plan));
    assertEquals(5120L, plan.amounts().get(ByteBuffer.wrap(bytes("bytes"))));
    assertEquals(1, plan.counted().cardinality());
  }

  @Test
  void lineIdsAreReadWithTheirKafkaPartition() {
    LineIdentity ids = new LineIdentity("lineId", "topic");
    assertEquals(
        new LineIdentity.Line("3f2a9c1b0d4e5f60@course-clicks-2", 4096),
        ids.of(
            Map.of("lineId", "3f2a9c1b0d4e5f60:4096", "topic", "course-clicks", "partition", "2")));
    assertEquals(new LineIdentity.Line("host:a", 7), ids.of(Map.of("lineId", "host:a:7")));
    assertEquals(null, ids.of(Map.of()));
    assertEquals(null, ids.of(Map.of("lineId", "no-position")));
    assertEquals(null, ids.of(Map.of("lineId", "f:-1")));
    assertEquals(null, ids.of(Map.of("lineId", "f:x")));
    assertTrue(ids.missingReason(Map.of()).contains("absent"));
  }

  @Test
  void aPartitionWithoutItsTopicIsNotCountedUnderTheStreamAlone() {
    // a channel naming its topic header otherwise: each partition must stay a sequence of its own
    LineIdentity ids = new LineIdentity("lineId", "kafkaTopic");
    assertEquals(
        new LineIdentity.Line("f@clicks-1", 9),
        ids.of(Map.of("lineId", "f:9", "kafkaTopic", "clicks", "partition", "1")));
    Map<String, String> noTopic = Map.of("lineId", "f:9", "topic", "clicks", "partition", "1");
    assertEquals(null, ids.of(noTopic));
    assertTrue(ids.missingReason(noTopic).contains("kafkaTopic"), ids.missingReason(noTopic));
  }

  /**
   * Lines of several sequences and columns in runs, interleaved: each line is decided against its
   * own sequence's last position, and the columns' amounts keep the order they first came in.
   */
  @Test
  void runsOfSequencesAndColumnsInterleavedAreDecidedLineByLine() {
    byte[] clicks = bytes("clicks");
    byte[] views = bytes("views");
    List<CounterRowPlan.Contribution> c = new ArrayList<>();
    int event = 0;
    // sequence a counted up to 150 before; b never
    for (long p : new long[] {100, 200, 300}) {
      c.add(new CounterRowPlan.Contribution(event, new LineIdentity.Line("a", p), views, 2));
      c.add(new CounterRowPlan.Contribution(event++, new LineIdentity.Line("a", p), clicks, 1));
    }
    for (long p : new long[] {50, 60}) {
      c.add(
          new CounterRowPlan.Contribution(
              event++, new LineIdentity.Line("b", p), bytes("clicks"), 1));
    }
    // a again, a copy of 300 repeated and 400 new; then b's 60 again
    for (long p : new long[] {300, 400}) {
      c.add(new CounterRowPlan.Contribution(event++, new LineIdentity.Line("a", p), clicks, 10));
    }
    c.add(new CounterRowPlan.Contribution(event++, new LineIdentity.Line("b", 60), clicks, 100));
    CounterRowPlan plan =
        CounterRowPlan.of(
            ROW, c, state(7, Map.of("a", 150L), Map.of(ByteBuffer.wrap(clicks), 1000L)));
    assertEquals(
        List.of(ByteBuffer.wrap(views), ByteBuffer.wrap(clicks)),
        new ArrayList<>(plan.amounts().keySet()));
    assertEquals(4L, plan.amounts().get(ByteBuffer.wrap(views)));
    assertEquals(1L + 1 + 1 + 1 + 10, plan.amounts().get(ByteBuffer.wrap(clicks)));
    assertEquals(Map.of("a", 400L, "b", 60L), plan.advanced());
    assertEquals("{1, 2, 3, 4, 6}", plan.counted().toString());
    assertEquals("{0, 5, 7}", plan.repeated().toString());
    assertEquals(1014L, plan.totals().get(ByteBuffer.wrap(clicks)));
  }
}
