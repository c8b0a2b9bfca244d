package dev.flumekit.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerProbeTest {
  @Test
  void namesEachServerThatDoesNotAnswerAndWhy() throws Exception {
    int closedPort;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = gone.getLocalPort();
    }
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String up = "127.0.0.1:" + listening.getLocalPort();
      String down = "127.0.0.1:" + closedPort;
      List<BrokerProbe.Answer> answers =
          BrokerProbe.probe(
              List.of(up, down, "no-such-host.invalid:9092", "brokerwithoutport"), 2000);
      assertEquals(4, answers.size());
      assertNull(answers.get(0).problem());
      assertFalse(answers.get(1).answered());
      assertTrue(answers.get(1).problem().startsWith("ConnectException"), answers.get(1).problem());
      assertEquals("unknown host no-such-host.invalid", answers.get(2).problem());
      assertEquals("not host:port", answers.get(3).problem());
    }
  }
}
