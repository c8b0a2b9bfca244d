package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.source.TailSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.channel.BasicChannelSemantics;
import org.apache.flume.channel.BasicTransactionSemantics;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreadBytesWatchTest {
  @TempDir Path dir;

  @Test
  void unreadBytesAreTheFileSizeNowMinusTheCommittedPosition() throws Exception {
    Path log = dir.resolve("app.log");
    Files.writeString(log, "0123456789\n".repeat(10));
    FileKey key = FileKey.stat(log).key();
    TailSourceCounter counter = new TailSourceCounter("watch-unit");
    UnreadBytesWatch watch = new UnreadBytesWatch(counter);
    watch.track(List.of(new Position(key, null, 22, log, "id")));
    watch.measure();
    assertEquals("88 " + log + "\n", counter.getFileUnreadBytes());
    Files.writeString(log, "more\n", StandardOpenOption.APPEND);
    watch.measure();
    assertEquals("93 " + log + "\n", counter.getFileUnreadBytes());
  }

  @Test
  void aFileRotatedUnderItsPathCountsTheNewFileWhole() throws Exception {
    Path log = dir.resolve("app.log");
    Files.writeString(log, "old lines\n");
    FileKey oldKey = FileKey.stat(log).key();
    Files.move(log, dir.resolve("app.log.1"));
    Files.writeString(log, "new\n");
    TailSourceCounter counter = new TailSourceCounter("watch-rotated");
    UnreadBytesWatch watch = new UnreadBytesWatch(counter);
    watch.track(List.of(new Position(oldKey, null, 10, log, "id")));
    watch.measure();
    assertEquals("4 " + log + "\n", counter.getFileUnreadBytes());
  }

  /** A channel whose put commits wait until released: a Kafka channel while Kafka is down. */
  private static final class BlockingChannel extends BasicChannelSemantics {
    final CountDownLatch putting = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected BasicTransactionSemantics createTransaction() {
      return new BasicTransactionSemantics() {
        @Override
        protected void doPut(Event event) {}

        @Override
        protected Event doTake() {
          return null;
        }

        @Override
        protected void doCommit() throws InterruptedException {
          putting.countDown();
          release.await();
        }

        @Override
        protected void doRollback() {}
      };
    }
  }

  @Test
  void unreadBytesStayCurrentWhileThePutBlocks() throws Exception {
    Path log = dir.resolve("app.log");
    Files.writeString(log, "first line\n".repeat(100));
    BlockingChannel channel = new BlockingChannel();
    channel.setName("blocking");
    channel.start();
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    TailSource source = new TailSource();
    source.setName("blocked-watch");
    source.setChannelProcessor(new ChannelProcessor(selector));
    source.configure(
        new Context(
            Map.of(
                "filegroups",
                "logs",
                "filegroups.logs",
                log.toString(),
                "positionFile",
                dir.resolve("positions").toString(),
                "batchDurationMillis",
                "0")));
    source.start();
    Thread reader =
        new Thread(
            () -> {
              try {
                source.process();
              } catch (Exception e) {
                // stopped
              }
            });
    reader.start();
    try {
      assertTrue(channel.putting.await(30, TimeUnit.SECONDS), "the first batch reaches the put");
      byte[] appended = "appended while blocked\n".repeat(50_000).getBytes();
      Files.write(log, appended, StandardOpenOption.APPEND);
      long expected = Files.size(log);
      ObjectName bean = new ObjectName("org.apache.flume.source:type=blocked-watch");
      String unread = "";
      for (int i = 0; i < 300 && !unread.startsWith(expected + " "); i++) {
        Thread.sleep(100);
        unread =
            (String)
                ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "FileUnreadBytes");
      }
      // nothing is committed while the put blocks: the whole file is unread, appended bytes too
      assertEquals(expected + " " + log + "\n", unread);
      assertTrue(reader.isAlive(), "the source's thread is still blocked in the put");
    } finally {
      channel.release.countDown();
      reader.join(10_000);
      source.stop();
      channel.stop();
    }
  }
}
