package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowStatesTest {
  private static ByteBuffer row(String name) {
    return ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8));
  }

  private static CounterRowPlan.Applied withMarkers(int n) {
    Map<String, CounterRowPlan.Marker> markers = new HashMap<>();
    for (int i = 0; i < n; i++) {
      markers.put("s" + i, new CounterRowPlan.Marker(i, 0));
    }
    return new CounterRowPlan.Applied(0, markers, new HashMap<>(), Long.MIN_VALUE);
  }

  @Test
  void rowsAreForgottenLeastRecentlyUsedFirstOnceTheirMarkersPassTheBound() {
    RowStates states = new RowStates(100, 1000);
    states.put(row("a"), withMarkers(400));
    states.put(row("b"), withMarkers(400));
    states.get(row("a")); // a is used again: b is now the least recent
    states.put(row("c"), withMarkers(400));
    assertNull(states.get(row("b")));
    assertNotNull(states.get(row("a")));
    assertEquals(800, states.markers());
  }

  @Test
  void aStateChangedInPlaceIsCountedAgainWhenPutBack() {
    RowStates states = new RowStates(100, 1000);
    CounterRowPlan.Applied a = withMarkers(10);
    states.put(row("a"), a);
    a.markers().put("new", new CounterRowPlan.Marker(1, 0));
    states.put(row("a"), a);
    assertEquals(11, states.markers());
    states.remove(row("a"));
    assertEquals(0, states.markers());
  }

  @Test
  void theRowJustWrittenStaysHoweverLarge() {
    RowStates states = new RowStates(100, 1000);
    states.put(row("small"), withMarkers(10));
    states.put(row("huge"), withMarkers(5000));
    assertEquals(1, states.rows());
    assertNotNull(states.get(row("huge")));
  }

  @Test
  void theNumberOfRowsIsBoundedToo() {
    RowStates states = new RowStates(2, 1_000_000);
    states.put(row("a"), withMarkers(1));
    states.put(row("b"), withMarkers(1));
    states.put(row("c"), withMarkers(1));
    assertEquals(2, states.rows());
    assertNull(states.get(row("a")));
  }
}
