package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRunTest {
  @Test
  void anEventIsOneJsonLineWithHeadersInNameOrderAndEachDestinationsRecord() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("topic", "clicks");
    headers.put("client", "10.0.0.1");
    String json =
        new SampleOutput(
                3,
                "say \"hi\"\tthen\\\u0001".getBytes(StandardCharsets.UTF_8),
                headers,
                Map.of("channel kafka", Map.of("topic", "clicks")))
            .json();
    assertEquals(
        "{\"line\":3,\"body\":\"say \\\"hi\\\"\\tthen\\\\\\u0001\","
            + "\"headers\":{\"client\":\"10.0.0.1\",\"topic\":\"clicks\"},"
            + "\"channel kafka\":{\"topic\":\"clicks\"}}",
        json);
  }

  @Test
  void aByteThatIsNotUtf8ShowsAsTheReplacementCharacter() {
    SampleOutput o = new SampleOutput(1, new byte[] {'a', (byte) 0xff, 'b'}, Map.of(), Map.of());
    assertEquals("{\"line\":1,\"body\":\"a\ufffdb\",\"headers\":{}}", o.json());
    assertEquals("a\ufffdb", o.property("body"));
  }

  @Test
  void aDroppedSampleSaysSo() {
    assertEquals("{\"line\":4,\"dropped\":true}", SampleOutput.dropped(4).json());
    assertEquals("true", SampleOutput.dropped(4).property("dropped"));
  }

  @Test
  void wrongArgumentsGetTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(
        ConfigCheck.USAGE,
        SampleRun.run(
            new String[] {
              "-n", "a", "-f", "x.conf", "--source", "s", "--sink", "k", "--input", "i"
            },
            System.out,
            e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--tests TESTS"));
  }

  @Test
  void differencesAreListedAndFail() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        SampleRun.compare(
            List.of("{\"a\":1}", "{\"b\":2}"),
            List.of("{\"a\":1}", "", "{\"b\":3}", "{\"c\":4}"),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(ConfigCheck.PROBLEMS, status);
    assertTrue(text.contains("event 2 differs:\n  expected {\"b\":3}\n  got      {\"b\":2}"), text);
    assertTrue(text.contains("event 3 differs:\n  expected {\"c\":4}\n  got      (nothing)"), text);
    assertTrue(text.contains("2 of 3 differ"), text);
  }

  @Test
  void equalLinesPass() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(
        ConfigCheck.OK,
        SampleRun.compare(
            List.of("{}"), List.of("{}", ""), new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("1 event as expected"));
  }
}
