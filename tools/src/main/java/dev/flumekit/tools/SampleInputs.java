package dev.flumekit.tools;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.flumekit.common.tooling.SourcePreview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The events {@code test} starts from, read from a sample file. */
final class SampleInputs {
  private SampleInputs() {}

  /**
   * The events a source makes of the file: by the source's own reading when it can tell (flumekit's
   * tail source: its decoding, line limits, multi-line joining and headers), else one event per
   * line, its bytes as they are.
   */
  static List<SampleEvent> ofSource(SourcePreview source, Path file) throws IOException {
    List<SampleEvent> events = new ArrayList<>();
    if (source != null) {
      for (Map.Entry<Map<String, String>, byte[]> e : source.events(file)) {
        events.add(new SampleEvent(events.size() + 1, new HashMap<>(e.getKey()), e.getValue()));
      }
      return events;
    }
    for (byte[] line : lines(Files.readAllBytes(file))) {
      events.add(new SampleEvent(events.size() + 1, new HashMap<>(), line));
    }
    return events;
  }

  /**
   * The events a sink takes, a non-blank line each: a JSON object as {@code test} prints a
   * collector's events ({@code body}, {@code headers}, and the record a Kafka channel or sink made
   * of it: its topic, key, partition, time and {@code header.*}), or a raw line, the body without
   * headers.
   */
  static List<SampleEvent> ofSink(Path file) throws IOException {
    List<SampleEvent> events = new ArrayList<>();
    int n = 0;
    for (byte[] line : lines(Files.readAllBytes(file))) {
      n++;
      if (new String(line, StandardCharsets.UTF_8).isBlank()) {
        continue;
      }
      events.add(sinkEvent(n, line, file + " line " + n));
    }
    return events;
  }

  /** One event for a sink from a line: JSON as {@code test} prints, or the body itself. */
  static SampleEvent sinkEvent(int n, byte[] line, String where) throws IOException {
    String text = new String(line, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{")) {
      return new SampleEvent(n, new HashMap<>(), line);
    }
    JsonObject o;
    try {
      o = JsonParser.parseString(text).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException(
          where
              + ": not a JSON object ("
              + e.getMessage()
              + "); write {\"body\":...,\"headers\":{...}}");
    }
    if (!o.has("body")) {
      throw new IOException(where + ": no \"body\" (a dropped event is not an input)");
    }
    Map<String, String> headers = strings(o.getAsJsonObject("headers"));
    byte[] body = o.get("body").getAsString().getBytes(StandardCharsets.UTF_8);
    for (Map.Entry<String, JsonElement> field : o.entrySet()) {
      if (field.getValue().isJsonObject() && !field.getKey().equals("headers")) {
        Map<String, String> made = strings(field.getValue().getAsJsonObject());
        if (made.containsKey("topic")) {
          return new SampleEvent(n, recordHeaders(made, headers), body, record(made, where));
        }
      }
    }
    return new SampleEvent(n, headers, body);
  }

  /** The record a collector's Kafka channel or sink showed. */
  private static SampleEvent.Record record(Map<String, String> made, String where)
      throws IOException {
    try {
      return new SampleEvent.Record(
          made.get("topic"),
          made.containsKey("partition") ? Integer.parseInt(made.get("partition")) : -1,
          made.get("key"),
          made.containsKey("timestamp") ? Long.valueOf(made.get("timestamp")) : null,
          made.get("deadLetter"));
    } catch (NumberFormatException e) {
      throw new IOException(where + ": partition and timestamp are numbers: " + e.getMessage());
    }
  }

  /**
   * The headers a record carries: all the event's in a Flume event value, else its {@code
   * header.*}.
   */
  private static Map<String, String> recordHeaders(
      Map<String, String> made, Map<String, String> eventHeaders) {
    if (made.containsKey("value")) {
      return eventHeaders;
    }
    Map<String, String> headers = new HashMap<>();
    made.forEach(
        (k, v) -> {
          if (k.startsWith("header.")) {
            headers.put(k.substring("header.".length()), v);
          }
        });
    return headers;
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> map = new HashMap<>();
    if (o != null) {
      for (Map.Entry<String, JsonElement> e : o.entrySet()) {
        map.put(e.getKey(), e.getValue().getAsString());
      }
    }
    return map;
  }

  /** The lines of {@code bytes} split at \n (a \r before it dropped), not decoded. */
  static List<byte[]> lines(byte[] bytes) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        if (i < bytes.length || start < bytes.length) {
          lines.add(Arrays.copyOfRange(bytes, start, end));
        }
        start = i + 1;
      }
    }
    return lines;
  }
}
