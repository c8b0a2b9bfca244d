package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;

class SampleRunTest {
  @Test
  void anEventIsOneJsonLineWithHeadersInNameOrderAndEachDestinationsRecord() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("topic", "clicks");
    headers.put("client", "10.0.0.1");
    String json =
        SampleRun.json(
            3,
            EventBuilder.withBody(
                "say \"hi\"\tthen\\\u0001".getBytes(StandardCharsets.UTF_8), headers),
            Map.of("channel kafka", (h, b) -> Map.of("topic", h.get("topic"))));
    assertEquals(
        "{\"line\":3,\"body\":\"say \\\"hi\\\"\\tthen\\\\\\u0001\","
            + "\"headers\":{\"client\":\"10.0.0.1\",\"topic\":\"clicks\"},"
            + "\"channel kafka\":{\"topic\":\"clicks\"}}",
        json);
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
