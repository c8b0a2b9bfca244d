package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flumekit-agent test} on the tarball alone: sample lines go through the agent's own
 * components (the tail source's reading, the interceptors, the Kafka channel's mapping and Kafka's
 * refusals; for a loader, its Kafka channel's take and the HBase sink's rows and counters), and the
 * shipped tests files beside the confs pass.
 */
class SampleRunIT {
  @TempDir static Path dir;
  static StandaloneKit kit;

  private static final String CLICK =
      "203.0.113.7 - - [%s] \"GET /class/112.html%s HTTP/1.1\" 200 5321 \"-\" \"curl/8.5.0\"";

  @BeforeAll
  static void unpack() throws Exception {
    kit = StandaloneKit.unpack(dir);
  }

  private static String click(String time, String query) {
    return String.format(CLICK, time, query);
  }

  private static StandaloneKit.Run collector(Path conf, Path input) throws Exception {
    return kit.run(
        "test",
        "-n",
        "collector",
        "-f",
        conf.toString(),
        "--source",
        "tail",
        "--input",
        input.toString());
  }

  /** The printed event of sample {@code line}. */
  private static String event(StandaloneKit.Run run, int line) {
    return run.lines().stream()
        .filter(l -> l.startsWith("{\"line\":" + line + ","))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event " + line + " in " + run.out()));
  }

  @Test
  void aByteThatIsNotUtf8PassesAndTheRunGoesOn() throws Exception {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(
        click("21/Nov/2026:16:30:00 +0800", "?q=caf").getBytes(StandardCharsets.UTF_8));
    // Latin-1 é inside a UTF-8 file: one invalid byte
    byte[] line = input.toByteArray();
    input.reset();
    String text = new String(line, StandardCharsets.UTF_8);
    int at = text.indexOf("caf") + 3;
    input.write(line, 0, at);
    input.write(0xe9);
    input.write(line, at, line.length - at);
    input.write('\n');
    input.writeBytes(
        (click("21/Nov/2026:16:30:02 +0800", "") + "\n").getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("latin1.log");
    Files.write(file, input.toByteArray());

    StandaloneKit.Run run = collector(kit.resolve("conf/collector.conf"), file);
    assertEquals(0, run.status(), run.out());
    assertFalse(run.out().contains("Input length"), run.out());
    String first = event(run, 1);
    assertTrue(first.contains("?q=caf\ufffd HTTP/1.1"), first);
    assertTrue(first.contains("\"course\":\"112\""), first);
    assertTrue(first.contains("\"channel kafka\":{\"topic\":\"course-clicks\""), first);
    // the source's own headers: its host and line id (file identity : byte offset)
    assertTrue(first.matches(".*\"lineId\":\"[0-9a-f]{16}:0\".*"), first);
    assertTrue(event(run, 2).contains("\"course\":\"112\""), run.out());
  }

  @Test
  void aLineDatedHoursAheadIsADeadLetterAsTheBrokerWouldRefuseIt() throws Exception {
    String ahead =
        ZonedDateTime.now(ZoneOffset.UTC)
            .plusHours(3)
            .format(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT));
    Path file = dir.resolve("ahead.log");
    Files.writeString(file, click(ahead, "") + "\n");

    StandaloneKit.Run run = collector(kit.resolve("conf/collector.conf"), file);
    assertEquals(0, run.status(), run.out());
    String e = event(run, 1);
    assertTrue(
        e.contains(
            "\"channel kafka\":{\"topic\":\"course-clicks\",\"deadLetter\":"
                + "\"InvalidTimestampException: record time "),
        e);
    assertTrue(e.contains("message.timestamp.after.max.ms = 3600000 (Kafka's default)"), e);
    assertTrue(e.contains("\"deadLetterTo\":\"file:/var/lib/flumekit/collector/dead-letters\""), e);
    assertFalse(
        e.substring(e.indexOf("\"channel kafka\"")).contains("\"key\""),
        "not shown as a record: " + e);
  }

  @Test
  void aLineOverMaxLineBytesIsCutAndFlaggedAsConfigured() throws Exception {
    Path conf = dir.resolve("collector-short-lines.conf");
    Files.writeString(
        conf,
        Files.readString(kit.resolve("conf/collector.conf.dist"))
            + "\ncollector.sources.tail.maxLineBytes = 64\n");
    Path file = dir.resolve("long.log");
    Files.writeString(
        file, click("21/Nov/2026:16:30:00 +0800", "?" + "a".repeat(500)) + "\nshort\n");

    StandaloneKit.Run run = collector(conf, file);
    assertEquals(0, run.status(), run.out());
    String cut = event(run, 1);
    // the first 64 bytes
    String body = "203.0.113.7 - - [21/Nov/2026:16:30:00 +0800] \\\"GET /class/112.htm";
    assertTrue(cut.contains("\"body\":\"" + body + "\","), cut);
    assertTrue(cut.contains("\"truncated\":\"true\""), cut);
    // cut, the line no longer parses: routed as the agent would route it
    assertTrue(cut.contains("\"channel kafka\":{\"topic\":\"access-unparsed\""), cut);
    assertTrue(event(run, 2).contains("\"body\":\"short\""), run.out());
  }

  @Test
  void theLoaderShowsEachEventsRowCounterRowColumnAndDay() throws Exception {
    StandaloneKit.Run collected =
        collector(
            kit.resolve("conf/collector.conf"), kit.resolve("conf/samples/collector-input.log"));
    assertEquals(0, collected.status(), collected.out());
    Path sent = dir.resolve("collector-out.jsonl");
    Files.write(
        sent,
        collected.lines().stream().filter(l -> l.startsWith("{")).toList(),
        StandardCharsets.UTF_8);

    StandaloneKit.Run run =
        kit.run(
            "test",
            "-n",
            "loader",
            "-f",
            "conf/loader.conf",
            "--sink",
            "hbase",
            "--input",
            sent.toString());
    assertEquals(0, run.status(), run.out());
    String click = event(run, 1);
    assertTrue(
        click.matches(
            ".*\"sink hbase\":\\{\"table\":\"access_logs\",\"row\":\"[0-9a-f]{16}:0\","
                + "\"columns\":\"d:body\",\"counterRow\":\"20261121_112\","
                + "\"counter\":\"c:clicks \\+1\",\"countedOnceAs\":\"[0-9a-f]{16}@course-clicks-0:0\","
                + "\"day\":\"2026-11-21 Asia/Shanghai\"}}"),
        click);
    assertTrue(
        event(run, 4).contains("\"notTaken\":\"sent to topic access-logs, which channel clicks"),
        run.out());
    assertTrue(event(run, 6).contains("sent to topic access-unparsed"), run.out());
  }

  @Test
  void theShippedTestsPassAndAFailedAssertionIsNamed() throws Exception {
    StandaloneKit.Run run =
        kit.run(
            "test",
            "-n",
            "collector",
            "-f",
            "conf/collector.conf",
            "--tests",
            "conf/samples/collector.tests");
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("5 tests passed (conf/samples/collector.tests)"), run.out());
    run =
        kit.run(
            "test",
            "-n",
            "loader",
            "-f",
            "conf/loader.conf",
            "--tests",
            "conf/samples/loader.tests");
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("4 tests passed (conf/samples/loader.tests)"), run.out());

    Path changed = dir.resolve("changed.tests");
    Files.writeString(
        changed,
        Files.readString(kit.resolve("conf/samples/loader.tests.dist"))
            .replace(
                "sink hbase.counterRow = 20261122_112", "sink hbase.counterRow = 20261121_112"));
    run = kit.run("test", "-n", "loader", "-f", "conf/loader.conf", "--tests", changed.toString());
    assertEquals(1, run.status(), run.out());
    List<String> lines = run.lines();
    assertTrue(
        lines.contains(
            changed
                + ":15: [a click counts once, on its course's row for its day in Shanghai]"
                + " sink hbase.counterRow expected 20261121_112, got 20261122_112"),
        run.out());
    assertTrue(lines.contains("1 assertion failed (" + changed + ", 4 tests)"), run.out());
  }
}
