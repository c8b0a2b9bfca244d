package dev.flumekit.kafka.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendTurnsTest {
  @Test
  void workersGoInTicketOrderWhateverOrderTheyArrive() throws Exception {
    SendTurns turns = new SendTurns();
    List<Long> order = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    java.util.Random random = new java.util.Random(1);
    for (long ticket = 0; ticket < 20; ticket++) {
      long t = ticket;
      long delay = random.nextInt(20);
      pool.submit(
          () -> {
            Thread.sleep(delay); // workers reach their turn in a scrambled order
            turns.await(t);
            order.add(t);
            turns.next();
            return null;
          });
    }
    pool.shutdown();
    assertEquals(true, pool.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(
        List.of(
            0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L,
            19L),
        order);
  }
}
