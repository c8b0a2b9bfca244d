package dev.flumekit.tools;

import dev.flumekit.common.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event {@code test} shows: the sample it came from, its body and headers, and what each
 * destination would make of it (by name: {@code channel kafka}, {@code sink hbase}); or a sample an
 * interceptor dropped, or a record the sink's channel would not take.
 *
 * @param line the sample's number, from 1
 * @param body null for a dropped sample or one not taken
 * @param notTaken why the sink's channel would not hand the sample over, or null
 */
record SampleOutput(
    int line,
    byte[] body,
    Map<String, String> headers,
    Map<String, Map<String, String>> destinations,
    String notTaken) {

  SampleOutput(
      int line,
      byte[] body,
      Map<String, String> headers,
      Map<String, Map<String, String>> destinations) {
    this(line, body, headers, destinations, null);
  }

  static SampleOutput dropped(int line) {
    return new SampleOutput(line, null, Map.of(), Map.of());
  }

  static SampleOutput notTaken(int line, String reason) {
    return new SampleOutput(line, null, Map.of(), Map.of(), reason);
  }

  boolean isDropped() {
    return body == null && notTaken == null;
  }

  /** The body as text; a byte that is not UTF-8 shows as U+FFFD. */
  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * A property by name, as tests name them: {@code body}, {@code dropped}, {@code notTaken}, {@code
   * headers.NAME}, {@code DESTINATION.FIELD} ({@code channel kafka.topic}); null when absent.
   */
  String property(String name) {
    if (name.equals("dropped")) {
      return Boolean.toString(isDropped());
    }
    if (name.equals("notTaken")) {
      return notTaken;
    }
    if (body == null) {
      return null;
    }
    if (name.equals("body")) {
      return bodyText();
    }
    if (name.startsWith("headers.")) {
      return headers.get(name.substring("headers.".length()));
    }
    for (Map.Entry<String, Map<String, String>> d : destinations.entrySet()) {
      if (name.startsWith(d.getKey() + ".")) {
        return d.getValue().get(name.substring(d.getKey().length() + 1));
      }
    }
    return null;
  }

  /** A JSON object a line: body, headers in name order, and each destination's fields. */
  String json() {
    StringBuilder j = new StringBuilder("{\"line\":").append(line);
    if (isDropped()) {
      return j.append(",\"dropped\":true}").toString();
    }
    if (notTaken != null) {
      j.append(",\"notTaken\":");
      JsonText.quote(j, notTaken);
      return j.append('}').toString();
    }
    j.append(",\"body\":");
    JsonText.quote(j, bodyText());
    j.append(",\"headers\":");
    object(j, new TreeMap<>(headers));
    for (Map.Entry<String, Map<String, String>> d : destinations.entrySet()) {
      j.append(',');
      JsonText.quote(j, d.getKey());
      j.append(':');
      object(j, d.getValue());
    }
    return j.append('}').toString();
  }

  private static void object(StringBuilder j, Map<String, String> fields) {
    j.append('{');
    boolean first = true;
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (!first) {
        j.append(',');
      }
      first = false;
      JsonText.quote(j, f.getKey());
      j.append(':');
      JsonText.quote(j, f.getValue());
    }
    j.append('}');
  }
}
