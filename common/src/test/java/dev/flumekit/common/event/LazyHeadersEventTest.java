package dev.flumekit.common.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LazyHeadersEventTest {
  /** Counts how often its map is made, from the known headers plus one of its own. */
  private static final class CountingEvent extends LazyHeadersEvent {
    int made;

    CountingEvent(byte[] body, Map<String, String> known) {
      super(body, known);
    }

    @Override
    protected Map<String, String> makeHeaders(Map<String, String> known) {
      made++;
      Map<String, String> map = known != null ? known : new HashMap<>();
      map.put("own", "1");
      return map;
    }
  }

  @Test
  void theMapIsMadeOnceFromTheKnownHeadersAndChangesToItAreKept() {
    Map<String, String> known = new HashMap<>(Map.of("host", "web-1"));
    CountingEvent event = new CountingEvent(bytes("a"), known);
    assertEquals(0, event.made, "nothing is made before a read");

    event.getHeaders().put("course", "java");
    assertSame(known, event.getHeaders(), "the known map is the event's own");
    assertEquals(Map.of("host", "web-1", "own", "1", "course", "java"), event.getHeaders());
    assertEquals(1, event.made);
  }

  @Test
  void headersSetBeforeAnyReadReplaceTheMadeOnesAndNothingIsMade() {
    CountingEvent event = new CountingEvent(bytes("a"), null);
    Map<String, String> set = Map.of("only", "this");
    event.setHeaders(set);
    assertSame(set, event.getHeaders());
    assertEquals(0, event.made);
  }

  @Test
  void bodyIsKeptAndANullBodyBecomesEmpty() {
    CountingEvent event = new CountingEvent(bytes("line"), null);
    assertArrayEquals(bytes("line"), event.getBody());
    event.setBody(null);
    assertArrayEquals(new byte[0], event.getBody());
    assertEquals("[Event headers = {own=1}, body.length = 0 ]", event.toString());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
