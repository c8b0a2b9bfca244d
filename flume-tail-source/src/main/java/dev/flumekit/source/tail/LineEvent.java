package dev.flumekit.source.tail;

import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;

/**
 * A line's event. Its header map is made when first asked for: a line without headers costs this
 * object and its bytes, where Flume's SimpleEvent always allocates an empty map.
 */
final class LineEvent implements Event {
  private Map<String, String> headers;
  private byte[] body;

  LineEvent(byte[] body, Map<String, String> headers) {
    this.body = body;
    this.headers = headers;
  }

  @Override
  public Map<String, String> getHeaders() {
    if (headers == null) {
      headers = new HashMap<>();
    }
    return headers;
  }

  @Override
  public void setHeaders(Map<String, String> headers) {
    this.headers = headers;
  }

  @Override
  public byte[] getBody() {
    return body;
  }

  @Override
  public void setBody(byte[] body) {
    this.body = body == null ? new byte[0] : body;
  }

  @Override
  public String toString() {
    return "[Event headers = " + getHeaders() + ", body.length = " + body.length + " ]";
  }
}
