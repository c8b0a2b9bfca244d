package dev.flumekit.bench;

import dev.flumekit.common.files.DurableFile;
import dev.flumekit.source.TailSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flume.Context;
import org.apache.flume.PollableSource;
import org.apache.flume.SourceRunner;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;
import org.apache.flume.source.taildir.TaildirSource;

/**
 * One contender of {@link TailSourceBenchmark} in a JVM of its own, so that its CPU and allocation
 * are its own: tails the file into a MemoryChannel drained by one thread as a sink would, prints
 * the lines taken so far every 10 ms ({@code taken N}) for the benchmark to sample the process by,
 * and at the end the lines per second between 20% and 80% of the file ({@code steady R}) and over
 * the whole run ({@code whole R}). Contender {@code raw} is the floor: no Flume, one thread reads
 * the file through a 1 MiB buffer, splits it into lines (each its own array, as an event's body)
 * and saves its position durably after every batch, as the tail source does by default. Usage:
 * {@code TailSourceRun <taildir|tailsource|tailsource10ms|raw> <log> <lines> <batch> <positions
 * file>}.
 */
public final class TailSourceRun {
  private TailSourceRun() {}

  /** The lines taken so far, and when 20% and 80% of them had been. */
  private static final class Taken {
    final long lines;
    final AtomicLong count = new AtomicLong();
    final long[] windowNanos = new long[2];
    final long[] windowCounts = new long[2];

    Taken(long lines) {
      this.lines = lines;
    }

    void add(int n) {
      long now = count.addAndGet(n);
      if (windowNanos[0] == 0 && now >= lines / 5) {
        windowNanos[0] = System.nanoTime();
        windowCounts[0] = now;
      }
      if (windowNanos[1] == 0 && now >= lines * 4 / 5) {
        windowNanos[1] = System.nanoTime();
        windowCounts[1] = now;
      }
    }

    boolean done() {
      return count.get() >= lines;
    }

    double steadyRate() {
      return (windowCounts[1] - windowCounts[0]) / ((windowNanos[1] - windowNanos[0]) / 1e9);
    }
  }

  public static void main(String[] args) throws Exception {
    String contender = args[0];
    Path log = Path.of(args[1]);
    long lines = Long.parseLong(args[2]);
    int batch = Integer.parseInt(args[3]);
    Path positions = Path.of(args[4]);
    Taken taken = new Taken(lines);
    Thread progress =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                System.out.println("taken " + taken.count.get());
                System.out.flush();
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    progress.setDaemon(true);
    long start = System.nanoTime();
    progress.start();
    Runnable stop;
    if (contender.equals("raw")) {
      readRaw(log, batch, positions, taken);
      stop = () -> {};
    } else {
      stop = tail(contender, log, batch, positions, taken);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    progress.interrupt();
    progress.join();
    System.out.println("taken " + taken.count.get());
    System.out.printf(
        Locale.ROOT, "steady %.0f%nwhole %.0f%n", taken.steadyRate(), lines / seconds);
    System.out.flush();
    stop.run();
    System.exit(0); // a source's threads left behind must not keep the run's JVM alive
  }

  /** The floor: the file's lines read in batches, the position saved durably after each. */
  private static void readRaw(Path log, int batch, Path positions, Taken taken) throws Exception {
    try (InputStream in = Files.newInputStream(log)) {
      LogFileLines lines = new LogFileLines(in);
      while (!taken.done()) {
        int n = 0;
        while (n < batch && lines.next()) {
          n++;
        }
        if (n == 0) {
          Thread.sleep(100); // the end of the file: wait for more, as a tail does
          continue;
        }
        DurableFile.replace(
            positions, (log + "\t" + lines.nextOffset() + "\n").getBytes(StandardCharsets.UTF_8));
        taken.add(n);
      }
    }
  }

  /** Tails into a MemoryChannel drained as a sink would until every line was taken. */
  private static Runnable tail(String contender, Path log, int batch, Path positions, Taken taken)
      throws InterruptedException {
    Map<String, String> settings = new HashMap<>();
    settings.put("filegroups", "f1");
    settings.put("filegroups.f1", log.toString());
    settings.put("positionFile", positions.toString());
    settings.put("batchSize", Integer.toString(batch));
    PollableSource source;
    switch (contender) {
      case "taildir" -> source = new TaildirSource();
      case "tailsource" -> {
        source = new TailSource();
        settings.put("batchDurationMillis", "0");
      }
      case "tailsource10ms" -> {
        source = new TailSource();
        settings.put("batchDurationMillis", "0");
        settings.put("writePosInterval", "10");
      }
      default ->
          throw new IllegalArgumentException(
              "contender " + contender + ": use taildir, tailsource, tailsource10ms or raw");
    }
    MemoryChannel channel = new MemoryChannel();
    channel.setName("c1");
    Configurables.configure(
        channel,
        new Context(
            Map.of(
                "capacity",
                "100000",
                "transactionCapacity",
                Integer.toString(batch),
                "keep-alive",
                "1")));
    channel.start();
    source.setName("r1");
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    source.setChannelProcessor(new ChannelProcessor(selector));
    Configurables.configure(source, new Context(settings));
    SourceRunner runner = SourceRunner.forSource(source);
    Thread drain =
        new Thread(
            () -> {
              while (!taken.done()) {
                Transaction tx = channel.getTransaction();
                tx.begin();
                int n = 0;
                while (n < batch && channel.take() != null) {
                  n++;
                }
                tx.commit();
                tx.close();
                taken.add(n);
              }
            });
    drain.start();
    runner.start();
    drain.join();
    return () -> {
      runner.stop();
      channel.stop();
    };
  }
}
