package dev.flumekit.common.event;

import java.util.Map;
import org.apache.flume.Event;

/**
 * A Flume event whose header map is made the first time something asks for it. Sources whose events
 * are often written on by their body alone (a tail source's lines, a Kafka source's records) pay
 * for a map only where an interceptor, selector, channel or sink reads one; Flume's {@code
 * SimpleEvent} always allocates it.
 *
 * <p>The map is made once even where threads ask for it at the same time: a replicating selector
 * puts the same event into several channels, whose sinks may read its headers first on their own
 * threads. Each channel's transaction orders its sink after the put, but not the sinks after each
 * other; an event built eagerly had its map before the put, so it was safe there, and this one must
 * be too. Only the first read takes the lock; later reads are a volatile read.
 */
public abstract class LazyHeadersEvent implements Event {
  private Map<String, String> headers;
  // written after headers, read before them: a thread that sees it true sees the made map
  private volatile boolean made;
  private byte[] body;

  /**
   * @param headers headers known when the event is made (owned by this event from now on), or null
   */
  protected LazyHeadersEvent(byte[] body, Map<String, String> headers) {
    this.body = body;
    this.headers = headers;
  }

  /**
   * The event's header map, made once from {@code known}, the headers given at construction (null
   * if none); the map returned is the event's own and may be changed by whoever reads it.
   */
  protected abstract Map<String, String> makeHeaders(Map<String, String> known);

  @Override
  public final Map<String, String> getHeaders() {
    if (!made) {
      synchronized (this) {
        if (!made) {
          headers = makeHeaders(headers);
          made = true;
        }
      }
    }
    return headers;
  }

  @Override
  public final synchronized void setHeaders(Map<String, String> headers) {
    this.headers = headers;
    made = true;
  }

  @Override
  public final byte[] getBody() {
    return body;
  }

  @Override
  public final void setBody(byte[] body) {
    this.body = body == null ? new byte[0] : body;
  }

  /** As Flume's {@code SimpleEvent} prints itself, for logs and dead letters' descriptions. */
  @Override
  public String toString() {
    return "[Event headers = " + getHeaders() + ", body.length = " + body.length + " ]";
  }
}
