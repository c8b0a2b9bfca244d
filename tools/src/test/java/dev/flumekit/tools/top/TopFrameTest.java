package dev.flumekit.tools.top;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopFrameTest {
  @Test
  void anAgentIsATableOfItsComponentsAndAnUnreachableOneALine() {
    AgentView a1 =
        new AgentView(
            "http://h1:41414",
            "collector",
            List.of(
                new ComponentRow(
                    "source",
                    "r1",
                    "dev.flumekit.source.TailSource",
                    true,
                    1234.0,
                    1234.0,
                    null,
                    null,
                    null,
                    null,
                    0),
                new ComponentRow(
                    "channel",
                    "c1",
                    "dev.flumekit.kafka.KafkaChannel",
                    true,
                    1234.0,
                    0.5,
                    120.0,
                    10000.0,
                    7.0,
                    0.0,
                    3),
                new ComponentRow(
                    "sink", "k1", "hbase2", false, null, null, null, null, null, null, 0)),
            "failing",
            List.of("sink k1 (hbase2) is configured but not running"),
            null);
    AgentView down = AgentView.unreachable("http://h2:41414", "connection refused");
    String frame = TopFrame.render(List.of(a1, down), "flumekit top");
    assertEquals(
        """
        flumekit top

        agent collector at http://h1:41414  health: failing
          ! sink k1 (hbase2) is configured but not running
        COMPONENT        KIND        TYPE                         IN/s      OUT/s             FILL        LAG   DEAD  ERRORS
        r1               source      TailSource                   1234       1234                -          -      -       0
        c1               channel     KafkaChannel                 1234        0.5     120/10000 1%          7      0       3
        k1               sink DOWN   hbase2                          -          -                -          -      -       0

        agent at http://h2:41414: unreachable (connection refused)
        """,
        frame);
  }

  @Test
  void healthAnswersAreRead() {
    HealthText failing =
        HealthText.parse(
            "{\"status\":\"failing\",\"components\":3,\"problems\":[\"sink k1 has delivered"
                + " nothing for 61 s\",\"a \\\"quoted\\\" one\"]}");
    assertEquals("failing", failing.status());
    assertEquals(
        List.of("sink k1 has delivered nothing for 61 s", "a \"quoted\" one"), failing.problems());
    assertEquals(
        new HealthText("ok", List.of()),
        HealthText.parse("{\"status\":\"ok\",\"components\":3,\"problems\":[]}"));
  }
}
