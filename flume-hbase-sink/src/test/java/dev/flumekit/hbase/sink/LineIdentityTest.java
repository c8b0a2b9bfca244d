package dev.flumekit.hbase.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LineIdentityTest {
  private final LineIdentity identity = new LineIdentity("lineId", "topic");

  private LineIdentity.Line line(String id, String topic, String partition) {
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("lineId", id);
    if (topic != null) {
      headers.put("topic", topic);
    }
    if (partition != null) {
      headers.put("partition", partition);
    }
    return identity.of(headers);
  }

  @Test
  void aLineIsInTheSequenceOfItsStreamTopicAndPartitionWhicheverCameBefore() {
    assertEquals(new LineIdentity.Line("f1@clicks-0", 100), line("f1:100", "clicks", "0"));
    assertEquals(new LineIdentity.Line("f1@clicks-1", 200), line("f1:200", "clicks", "1"));
    assertEquals(new LineIdentity.Line("f1@views-1", 300), line("f1:300", "views", "1"));
    assertEquals(new LineIdentity.Line("f2@views-1", 400), line("f2:400", "views", "1"));
    assertEquals(new LineIdentity.Line("f2", 500), line("f2:500", null, null));
    assertEquals(new LineIdentity.Line("f2", 501), line("f2:501", "views", null));
    assertEquals(new LineIdentity.Line("f2@views-1", 600), line("f2:600", "views", "1"));
    // a stream that starts with the last one's name is another stream
    assertEquals(new LineIdentity.Line("f22@views-1", 700), line("f22:700", "views", "1"));
    assertEquals(new LineIdentity.Line("a:b@views-1", 800), line("a:b:800", "views", "1"));
    assertEquals(new LineIdentity.Line("a@views-1", 900), line("a:900", "views", "1"));
  }

  @Test
  void linesOfOneRunShareTheirSequenceName() {
    LineIdentity.Line first = line("f1:100", "clicks", "0");
    LineIdentity.Line second = line("f1:200", "clicks", "0");
    assertEquals(200, second.position());
    assertSame(first.sequence(), second.sequence());
  }

  @Test
  void aLineWithoutAWellFormedIdOrItsTopicHasNone() {
    assertNull(line("f1:100", null, "0"));
    assertNull(line("f1", "clicks", "0"));
    assertNull(line(":100", "clicks", "0"));
    assertNull(line("f1:", "clicks", "0"));
    assertNull(line("f1:-5", "clicks", "0"));
    assertNull(line("f1:x", "clicks", "0"));
    assertEquals(new LineIdentity.Line("f1@clicks-0", 5), line("f1:5", "clicks", "0"));
  }
}
