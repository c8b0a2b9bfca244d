package dev.flumekit.hbase.sink;

import static dev.flumekit.hbase.sink.MutationBatchTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.hbase.HBaseSink;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.FlumeException;
import org.apache.flume.Sink;
import org.apache.flume.Transaction;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.conf.Configurables;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sink against a real HBase 2.6 on loopback, driven the way Flume's SinkRunner does. */
class HBaseSinkIT {
  @RegisterExtension static final MiniHBase hbase = new MiniHBase();
  @TempDir Path dir;

  /** The operator's sink class on a real MemoryChannel. */
  private final class Harness implements AutoCloseable {
    final MemoryChannel channel = new MemoryChannel();
    final HBaseSink sink = new HBaseSink();

    Harness(String name, String... keyValues) {
      channel.setName("c-" + name);
      Configurables.configure(
          channel,
          new Context(
              Map.of("capacity", "100000", "transactionCapacity", "10000", "keep-alive", "0")));
      channel.start();
      Map<String, String> properties = new HashMap<>();
      properties.put("zookeeperQuorum", hbase.zookeeperQuorum());
      properties.put("deadLetter", "file:" + dir.resolve("dlq"));
      for (int i = 0; i < keyValues.length; i += 2) {
        properties.put(keyValues[i], keyValues[i + 1]);
      }
      sink.setName(name);
      sink.configure(new Context(properties));
      sink.setChannel(channel);
      sink.start();
    }

    void put(List<Event> events) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      events.forEach(channel::put);
      tx.commit();
      tx.close();
    }

    void drain() throws Exception {
      while (sink.process() == Sink.Status.READY) {
        // until the channel is empty
      }
    }

    @Override
    public void close() {
      sink.stop();
      channel.stop();
    }
  }

  private static long attribute(String sink, String name) throws Exception {
    return ((Number)
            ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("org.apache.flume.sink:type=" + sink), name))
        .longValue();
  }

  private static String cell(Result r, String family, String qualifier) {
    byte[] v = r.getValue(Bytes.toBytes(family), Bytes.toBytes(qualifier));
    return v == null ? null : Bytes.toString(v);
  }

  @Test
  void eventsBecomeRowsByTemplateWithEventTimeCells() throws Exception {
    hbase.createTable("access", "d");
    long day = 1_795_278_600_000L; // 2026-11-21T16:30:00Z
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(
          event(
              "line " + i,
              "timestamp",
              Long.toString(day + i),
              "id",
              Integer.toString(i),
              "status",
              i % 10 == 0 ? "500" : "200"));
    }
    try (Harness h =
        new Harness(
            "events",
            "table",
            "access",
            "columnFamily",
            "d",
            "batchSize",
            "200",
            "rowKey",
            "%{time:yyyyMMdd}/%{id:6}",
            "headerColumns",
            "status")) {
      h.put(events);
      h.drain();
      assertEquals(500L, attribute("events", "EventDrainSuccessCount"));
      assertEquals(500L, attribute("events", "PutCount"));
    }
    try (Table table = hbase.connection().getTable(TableName.valueOf("access"))) {
      Result r = table.get(new Get(Bytes.toBytes("20261121/000042")));
      assertEquals("line 42", cell(r, "d", "body"));
      assertEquals("200", cell(r, "d", "status"));
      assertNull(cell(r, "d", "id"), "only the listed headers are columns");
      for (Cell c : r.rawCells()) {
        assertEquals(day + 42, c.getTimestamp(), "cell version is the event time");
      }
      int rows = 0;
      try (ResultScanner scanner = table.getScanner(new Scan())) {
        for (Result ignored : scanner) {
          rows++;
        }
      }
      assertEquals(500, rows);
    }
  }

  @Test
  void countersAreCoalescedIntoOneIncrementPerRowPerBatch() throws Exception {
    hbase.createTable("clicks", "d", "c");
    long day1 = 1_795_278_600_000L;
    long day2 = day1 + 86_400_000L;
    List<Event> events = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      long time = i % 2 == 0 ? day1 : day2;
      String course = Integer.toString(100 + i % 3);
      events.add(event("click " + i, "timestamp", Long.toString(time), "course", course));
      expected.merge((i % 2 == 0 ? "20261121" : "20261122") + "_" + course, 1L, Long::sum);
    }
    try (Harness h =
        new Harness(
            "counters",
            "table",
            "clicks",
            "columnFamily",
            "d",
            "counterColumnFamily",
            "c",
            "serializer",
            "counters",
            "counterRow",
            "%{time:yyyyMMdd}_%{course}",
            "counterColumn",
            "clicks",
            "batchSize",
            "500")) {
      h.put(events);
      h.drain();
      assertEquals(2000L, attribute("counters", "EventDrainSuccessCount"));
      assertEquals(0L, attribute("counters", "PutCount"));
      long increments = attribute("counters", "IncrementCount");
      assertEquals(4 * 6L, increments, "4 batches x 6 distinct day/course rows");
      assertEquals(2000L - increments, attribute("counters", "IncrementsCoalesced"));
    }
    try (Table table = hbase.connection().getTable(TableName.valueOf("clicks"))) {
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        Result r = table.get(new Get(Bytes.toBytes(e.getKey())));
        assertEquals(
            e.getValue(),
            Bytes.toLong(r.getValue(Bytes.toBytes("c"), Bytes.toBytes("clicks"))),
            e.getKey());
      }
    }
  }

  @Test
  void refusedEventsAreDeadLetteredAndTheRestStored() throws Exception {
    hbase.createTable("poison", "d");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.add(event("ok " + i, "id", Integer.toString(i)));
    }
    events.add(event("no id"));
    events.add(event("x".repeat(5000), "id", "big"));
    try (Harness h =
        new Harness(
            "poison",
            "table",
            "poison",
            "columnFamily",
            "d",
            "rowKey",
            "%{id}",
            "hbase.client.keyvalue.maxsize",
            "2000")) {
      h.put(events);
      h.drain();
      assertEquals(100L, attribute("poison", "EventDrainSuccessCount"));
      assertEquals(2L, attribute("poison", "DeadLetterCount"));
      assertEquals(0L, attribute("poison", "RollbackCount"));
    }
    List<String> letters;
    try (var files = Files.list(dir.resolve("dlq"))) {
      letters = new ArrayList<>();
      for (Path f : files.toList()) {
        letters.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    assertEquals(2, letters.size());
    assertTrue(
        letters.stream().anyMatch(l -> l.contains("header id is absent")), letters.toString());
    assertTrue(
        letters.stream().anyMatch(l -> l.contains("KeyValue size too large")), letters.toString());
  }

  @Test
  void aMissingTableOrFamilyStopsTheSinkAtStartWithAClearMessage() throws Exception {
    hbase.createTable("present", "d");
    FlumeException table =
        assertThrows(
            FlumeException.class, () -> new Harness("t1", "table", "absent", "columnFamily", "d"));
    assertEquals("Sink t1: table absent does not exist; create it first", rootMessage(table));
    FlumeException family =
        assertThrows(
            FlumeException.class, () -> new Harness("t2", "table", "present", "columnFamily", "x"));
    assertEquals("Sink t2: table present has no column family x (it has d)", rootMessage(family));
  }

  @Test
  void cellsLiveForTtlMs() throws Exception {
    hbase.createTable("ttl", "d");
    String now = Long.toString(System.currentTimeMillis());
    try (Harness h =
        new Harness(
            "ttl", "table", "ttl", "columnFamily", "d", "rowKey", "%{id}", "ttlMs", "1500")) {
      h.put(List.of(event("short-lived", "id", "r1", "timestamp", now)));
      h.drain();
    }
    try (Table table = hbase.connection().getTable(TableName.valueOf("ttl"))) {
      assertEquals("short-lived", cell(table.get(new Get(Bytes.toBytes("r1"))), "d", "body"));
      Thread.sleep(2500);
      assertTrue(table.get(new Get(Bytes.toBytes("r1"))).isEmpty(), "expired after ttlMs");
    }
  }

  @Test
  void aRegionServerLostMidStreamLosesNothing() throws Exception {
    hbase.createTable("outage", "d");
    int total = 6000;
    try (Harness h =
        new Harness(
            "outage",
            "table",
            "outage",
            "columnFamily",
            "d",
            "rowKey",
            "%{id:6}",
            "batchSize",
            "200",
            "retryBackoffMs",
            "200",
            "retryBackoffMaxMs",
            "2000",
            "hbase.client.retries.number",
            "3",
            "hbase.client.pause",
            "100",
            "hbase.rpc.timeout",
            "2000",
            "hbase.client.operation.timeout",
            "6000")) {
      Thread feeder =
          new Thread(
              () -> {
                for (int i = 0; i < total; i += 100) {
                  List<Event> chunk = new ArrayList<>();
                  for (int j = i; j < i + 100; j++) {
                    chunk.add(event("line " + j, "id", Integer.toString(j)));
                  }
                  h.put(chunk);
                  sleep(50);
                }
              });
      feeder.start();
      Thread restarter =
          new Thread(
              () -> {
                try {
                  sleep(700);
                  var cluster = hbase.util().getMiniHBaseCluster();
                  cluster.stopRegionServer(0);
                  cluster.waitOnRegionServer(0);
                  sleep(2000);
                  cluster.startRegionServer();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      restarter.start();
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (attribute("outage", "EventDrainSuccessCount") < total
          && System.nanoTime() < deadline) {
        h.sink.process();
      }
      feeder.join();
      restarter.join();
      assertEquals(total, attribute("outage", "EventDrainSuccessCount"));
      assertEquals(0L, attribute("outage", "DeadLetterCount"));
      System.out.printf(
          "region server lost mid-stream: %d stored, %d retry rounds%n",
          total, attribute("outage", "RetryCount"));
    }
    try (Table table = hbase.connection().getTable(TableName.valueOf("outage"))) {
      int rows = 0;
      try (ResultScanner scanner = table.getScanner(new Scan())) {
        for (Result ignored : scanner) {
          rows++;
        }
      }
      assertEquals(total, rows);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() instanceof FlumeException) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
