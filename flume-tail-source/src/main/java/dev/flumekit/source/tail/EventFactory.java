package dev.flumekit.source.tail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;

/** Turns a line (or joined multi-line event) of a file into a Flume event with its headers. */
final class EventFactory {
  private final Charset charset;
  private final boolean utf8;
  private final String fileHeader;
  private final String offsetHeader;
  private final String hostHeader;
  private final String host;
  private final String truncatedHeader;
  private final String lineIdHeader;

  EventFactory(
      Charset charset,
      String fileHeader,
      String offsetHeader,
      String hostHeader,
      String host,
      String truncatedHeader,
      String lineIdHeader) {
    this.charset = charset;
    this.utf8 = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII);
    this.fileHeader = fileHeader;
    this.offsetHeader = offsetHeader;
    this.hostHeader = hostHeader;
    this.host = host;
    this.truncatedHeader = truncatedHeader;
    this.lineIdHeader = lineIdHeader;
  }

  /** Whether events carry a line id, so the file's identity is needed. */
  boolean lineIds() {
    return lineIdHeader != null;
  }

  Event event(
      byte[] bytes,
      int offset,
      int length,
      long start,
      boolean truncated,
      Map<String, String> groupHeaders,
      String path,
      String fileIdentity) {
    byte[] body =
        utf8
            ? Arrays.copyOfRange(bytes, offset, offset + length)
            : new String(bytes, offset, length, charset).getBytes(StandardCharsets.UTF_8);
    int count =
        groupHeaders.size()
            + (fileHeader != null ? 1 : 0)
            + (offsetHeader != null ? 1 : 0)
            + (hostHeader != null ? 1 : 0)
            + (lineIdHeader != null ? 1 : 0)
            + (truncated ? 1 : 0);
    if (count == 0) {
      return new LineEvent(body, null);
    }
    Map<String, String> headers = new HashMap<>((count * 4 + 2) / 3);
    headers.putAll(groupHeaders);
    if (fileHeader != null) {
      headers.put(fileHeader, path);
    }
    if (offsetHeader != null) {
      headers.put(offsetHeader, Long.toString(start));
    }
    if (hostHeader != null) {
      headers.put(hostHeader, host);
    }
    if (lineIdHeader != null) {
      headers.put(lineIdHeader, fileIdentity + ':' + start);
    }
    if (truncated) {
      headers.put(truncatedHeader, "true");
    }
    return new LineEvent(body, headers);
  }
}
