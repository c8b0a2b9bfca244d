package dev.flumekit.bench;

import dev.flumekit.source.TailSource;
import dev.flumekit.testkit.RotatingLogWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.PollableSource;
import org.apache.flume.SourceRunner;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;
import org.apache.flume.source.taildir.TaildirSource;

/**
 * Lines lost and repeated while a log rotates: Flume 1.11's TAILDIR and flumekit's TailSource tail
 * the same log at the same time while it is written at a steady rate and rotated by rename and by
 * copytruncate in turn; once for a pattern naming only the live file, once for one that also names
 * the rotated files. Each line carries its number, so every loss and every repeat is counted.
 */
public final class TailRotationCheck {
  private TailRotationCheck() {}

  /** A source draining into its own channel, counting how often each line arrived. */
  private static final class Tail implements AutoCloseable {
    final String name;
    final MemoryChannel channel = new MemoryChannel();
    final SourceRunner runner;
    final int[] seen;
    final Thread drain;
    volatile boolean stop;

    Tail(String name, Supplier<PollableSource> contender, Map<String, String> settings, int lines) {
      this.name = name;
      this.seen = new int[lines];
      channel.setName("c-" + name);
      Configurables.configure(
          channel,
          new Context(
              Map.of("capacity", "200000", "transactionCapacity", "1000", "keep-alive", "1")));
      channel.start();
      PollableSource source = contender.get();
      source.setName(name);
      ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
      selector.setChannels(List.of(channel));
      source.setChannelProcessor(new ChannelProcessor(selector));
      Configurables.configure(source, new Context(settings));
      runner = SourceRunner.forSource(source);
      drain = new Thread(this::drain, "drain-" + name);
    }

    void start() {
      drain.start();
      runner.start();
    }

    private void drain() {
      while (!stop) {
        Transaction tx = channel.getTransaction();
        tx.begin();
        int n = 0;
        for (Event e; n < 1000 && (e = channel.take()) != null; n++) {
          String body = new String(e.getBody(), StandardCharsets.UTF_8);
          int space = body.lastIndexOf(' ');
          int line = Integer.parseInt(body.substring(space + 1));
          synchronized (seen) {
            seen[line]++;
          }
        }
        tx.commit();
        tx.close();
        if (n == 0) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException ex) {
            return;
          }
        }
      }
    }

    long distinct() {
      synchronized (seen) {
        long d = 0;
        for (int n : seen) {
          d += n > 0 ? 1 : 0;
        }
        return d;
      }
    }

    long total() {
      synchronized (seen) {
        long t = 0;
        for (int n : seen) {
          t += n;
        }
        return t;
      }
    }

    @Override
    public void close() throws InterruptedException {
      runner.stop();
      stop = true;
      drain.join();
      channel.stop();
    }
  }

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 320_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    long rotateMs = args.length > 2 ? Long.parseLong(args[2]) : 4000;
    Path work =
        Files.createDirectories(
            BenchmarkHome.workDirectory(Paths.get("").toAbsolutePath(), "tail-rotation"));
    List<String> rows = new ArrayList<>();
    for (boolean rotatedToo : new boolean[] {false, true}) {
      Path dir = Files.createDirectories(work.resolve(rotatedToo ? "rotated-too" : "live-only"));
      Path log = dir.resolve("app.log");
      Files.createFile(log);
      Map<String, String> taildir = new HashMap<>();
      taildir.put("filegroups", "f1");
      taildir.put("filegroups.f1", rotatedToo ? dir + "/app\\.log.*" : log.toString());
      taildir.put("positionFile", dir.resolve("taildir.json").toString());
      taildir.put("batchSize", "1000");
      Map<String, String> ours = new HashMap<>();
      ours.put("filegroups", "f1");
      ours.put("filegroups.f1", rotatedToo ? log + "*" : log.toString());
      ours.put("positionFile", dir.resolve("flumekit.positions").toString());
      ours.put("batchSize", "1000");
      try (Tail flume = new Tail("TAILDIR", TaildirSource::new, taildir, lines);
          Tail flumekit = new Tail("TailSource", TailSource::new, ours, lines)) {
        flume.start();
        flumekit.start();
        try (RotatingLogWriter writer =
            new RotatingLogWriter(
                log, lines, rate, rotateMs, i -> "GET /class/" + (i % 97) + ".html " + i)) {
          writer.start();
          writer.await();
          Thread.sleep(10_000); // both read what is left
          for (Tail t : List.of(flume, flumekit)) {
            long distinct = t.distinct();
            long total = t.total();
            rows.add(
                String.format(
                    Locale.ROOT,
                    "| %s | %s | %,d | %d | %,d | %,d | %,d |",
                    rotatedToo ? "`app.log*` (rotated files too)" : "`app.log` (live file only)",
                    t.name,
                    lines,
                    writer.rotations(),
                    distinct,
                    lines - distinct,
                    total - distinct));
          }
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%,d lines at %,d lines/s, rotation every %d ms alternating rename and copytruncate%n",
        lines,
        rate,
        rotateMs);
    System.out.println(
        "| Pattern | Source | Lines written | Rotations | Received | Lost | Repeated |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }
}
