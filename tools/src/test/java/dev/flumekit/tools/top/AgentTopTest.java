package dev.flumekit.tools.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgentTopTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws InterruptedException {
    return AgentTop.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheValue() throws Exception {
    assertEquals(2, run());
    assertEquals(2, run("--url", "h1:41414"));
    assertTrue(err.toString().contains("--url 'h1:41414' is not http://HOST:PORT"), err.toString());
    assertEquals(2, run("--url", "http://h1:41414", "--interval", "soon"));
    assertTrue(err.toString().contains("--interval 'soon'"), err.toString());
  }

  @Test
  void anAgentThatDoesNotAnswerIsARowAndExitStatusOne() throws Exception {
    // port 1 on the loopback: nothing listens there, the connection is refused at once
    assertEquals(1, run("--url", "http://127.0.0.1:1", "--interval", "0.1"));
    assertTrue(
        out.toString().contains("agent at http://127.0.0.1:1: unreachable (connection refused"),
        out.toString());
  }
}
