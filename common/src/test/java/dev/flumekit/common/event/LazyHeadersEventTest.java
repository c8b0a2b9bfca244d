package dev.flumekit.common.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyHeadersEventTest {
  /** Counts how often its map is made, from the known headers plus one of its own. */
  private static final class CountingEvent extends LazyHeadersEvent {
    final AtomicInteger made = new AtomicInteger();

    CountingEvent(byte[] body, Map<String, String> known) {
      super(body, known);
    }

    @Override
    protected Map<String, String> makeHeaders(Map<String, String> known) {
      made.incrementAndGet();
      Map<String, String> map = known != null ? known : new HashMap<>();
      map.put("own", "1");
      return map;
    }
  }

  @Test
  void theMapIsMadeOnceFromTheKnownHeadersAndChangesToItAreKept() {
    Map<String, String> known = new HashMap<>(Map.of("host", "web-1"));
    CountingEvent event = new CountingEvent(bytes("a"), known);
    assertEquals(0, event.made.get(), "nothing is made before a read");

    event.getHeaders().put("course", "java");
    assertSame(known, event.getHeaders(), "the known map is the event's own");
    assertEquals(Map.of("host", "web-1", "own", "1", "course", "java"), event.getHeaders());
    assertEquals(1, event.made.get());
  }

  @Test
  void headersSetBeforeAnyReadReplaceTheMadeOnesAndNothingIsMade() {
    CountingEvent event = new CountingEvent(bytes("a"), null);
    Map<String, String> set = Map.of("only", "this");
    event.setHeaders(set);
    assertSame(set, event.getHeaders());
    assertEquals(0, event.made.get());
  }

  @Test
  void bodyIsKeptAndANullBodyBecomesEmpty() {
    CountingEvent event = new CountingEvent(bytes("line"), null);
    assertArrayEquals(bytes("line"), event.getBody());
    event.setBody(null);
    assertArrayEquals(new byte[0], event.getBody());
    assertEquals("[Event headers = {own=1}, body.length = 0 ]", event.toString());
  }

  /** As sinks on two channels fed by a replicating selector read the same events' headers first. */
  @Test
  void threadsReadingTheSameEventsFirstGetOneMapEachEventMadeOnce() throws Exception {
    int count = 20_000;
    List<CountingEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new CountingEvent(bytes("line " + i), new HashMap<>(Map.of("n", "" + i))));
    }
    ExecutorService sinks = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Map<String, String>>>> seen = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        seen.add(
            sinks.submit(
                () -> {
                  start.await();
                  List<Map<String, String>> maps = new ArrayList<>();
                  for (CountingEvent e : events) {
                    maps.add(e.getHeaders());
                  }
                  return maps;
                }));
      }
      start.countDown();
      List<Map<String, String>> first = seen.get(0).get(30, TimeUnit.SECONDS);
      List<Map<String, String>> second = seen.get(1).get(30, TimeUnit.SECONDS);
      for (int i = 0; i < count; i++) {
        assertSame(first.get(i), second.get(i), "event " + i);
        assertEquals(Map.of("n", "" + i, "own", "1"), first.get(i), "event " + i);
        assertEquals(1, events.get(i).made.get(), "event " + i);
      }
    } finally {
      sinks.shutdownNow();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
