package dev.flumekit.source.tail;

import dev.flumekit.common.event.LazyHeadersEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * A line's event: a line without headers costs this object and its bytes, its map made only if
 * something asks for it.
 */
final class LineEvent extends LazyHeadersEvent {
  LineEvent(byte[] body, Map<String, String> headers) {
    super(body, headers);
  }

  @Override
  protected Map<String, String> makeHeaders(Map<String, String> known) {
    return known != null ? known : new HashMap<>();
  }
}
