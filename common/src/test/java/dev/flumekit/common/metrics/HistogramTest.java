package dev.flumekit.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void textHasCumulativeBucketsInSecondsAndTheSum() {
    Histogram h = new Histogram(new double[] {0.005, 0.1, 1});
    h.recordMillis(5); // on a bound: that bucket
    h.recordMillis(6);
    h.recordMillis(100);
    h.recordMillis(2000);
    assertEquals("0.005=1 0.1=3 1=3 +Inf=4 sum=2.111", h.text());
    assertEquals(4, Histogram.parse(h.text()).orElseThrow().cumulativeCounts()[3]);
  }

  @Test
  void negativeValuesCountAsZero() {
    Histogram h = new Histogram(new double[] {0.001});
    h.recordNanos(-5_000_000);
    assertEquals("0.001=1 +Inf=1 sum=0.0", h.text());
  }

  @Test
  void parseReadsWhatTextWrites() {
    Histogram h = new Histogram(Histogram.DURATION_SECONDS);
    h.recordMillis(3);
    h.recordMillis(70_000);
    Histogram.Reading r = Histogram.parse(h.text()).orElseThrow();
    assertEquals(Histogram.DURATION_SECONDS.length + 1, r.bounds().length);
    assertEquals(Double.POSITIVE_INFINITY, r.bounds()[r.bounds().length - 1]);
    assertEquals(0.005, r.bounds()[2]);
    assertEquals(1, r.cumulativeCounts()[2]);
    assertEquals(1, r.cumulativeCounts()[r.bounds().length - 2]);
    assertEquals(2, r.cumulativeCounts()[r.cumulativeCounts().length - 1]);
    assertEquals(70.003, r.sum(), 1e-9);
  }

  @Test
  void parseRefusesOtherText() {
    for (String text :
        List.of(
            "",
            "sum=1",
            "1=2 sum=3",
            "1=2 +Inf=1 sum=3",
            "2=1 1=2 +Inf=3 sum=1",
            "x=1 +Inf=1 sum=1",
            "t-0=5 t-1=3")) {
      assertTrue(Histogram.parse(text).isEmpty(), text);
    }
  }

  @Test
  void boundsMustAscend() {
    assertThrows(IllegalArgumentException.class, () -> new Histogram(new double[] {1, 1}));
  }

  @Test
  void eventAgeIsNowMinusTheTimestampHeader() {
    Histogram ages = new Histogram(new double[] {1, 10});
    List<Event> events = new ArrayList<>();
    events.add(EventBuilder.withBody(new byte[0], Map.of("timestamp", "1000")));
    events.add(EventBuilder.withBody(new byte[0], Map.of("timestamp", "8000")));
    events.add(EventBuilder.withBody(new byte[0], Map.of("timestamp", "soon")));
    events.add(EventBuilder.withBody(new byte[0], Map.of()));
    EventAge.record(events, ages, 10_000);
    assertEquals("1=0 10=2 +Inf=2 sum=11.0", ages.text());
  }

  @Test
  void eventAgeReadsOnlyDigits() {
    assertEquals(-1, EventAge.millis("-5"));
    assertEquals(-1, EventAge.millis("1e3"));
    assertEquals(-1, EventAge.millis("12345678901234567890"));
    assertEquals(1_795_278_600_000L, EventAge.millis("1795278600000"));
  }
}
