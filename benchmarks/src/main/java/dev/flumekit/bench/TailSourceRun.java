package dev.flumekit.bench;

import dev.flumekit.source.TailSource;
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
 * the whole run ({@code whole R}). Usage: {@code TailSourceRun <taildir|tailsource|tailsource10ms>
 * <log> <lines> <batch> <positions file>}.
 */
public final class TailSourceRun {
  private TailSourceRun() {}

  public static void main(String[] args) throws Exception {
    String contender = args[0];
    Path log = Path.of(args[1]);
    long lines = Long.parseLong(args[2]);
    int batch = Integer.parseInt(args[3]);
    Map<String, String> settings = new HashMap<>();
    settings.put("filegroups", "f1");
    settings.put("filegroups.f1", log.toString());
    settings.put("positionFile", args[4]);
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
              "contender " + contender + ": use taildir, tailsource or tailsource10ms");
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
    AtomicLong taken = new AtomicLong();
    long[] windowNanos = new long[2];
    long[] windowCounts = new long[2];
    Thread drain =
        new Thread(
            () -> {
              while (taken.get() < lines) {
                Transaction tx = channel.getTransaction();
                tx.begin();
                int n = 0;
                while (n < batch && channel.take() != null) {
                  n++;
                }
                tx.commit();
                tx.close();
                long now = taken.addAndGet(n);
                if (windowNanos[0] == 0 && now >= lines / 5) {
                  windowNanos[0] = System.nanoTime();
                  windowCounts[0] = now;
                }
                if (windowNanos[1] == 0 && now >= lines * 4 / 5) {
                  windowNanos[1] = System.nanoTime();
                  windowCounts[1] = now;
                }
              }
            });
    Thread progress =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                System.out.println("taken " + taken.get());
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
    drain.start();
    runner.start();
    drain.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    progress.interrupt();
    progress.join();
    System.out.println("taken " + taken.get());
    System.out.printf(
        Locale.ROOT,
        "steady %.0f%nwhole %.0f%n",
        (windowCounts[1] - windowCounts[0]) / ((windowNanos[1] - windowNanos[0]) / 1e9),
        lines / seconds);
    System.out.flush();
    runner.stop();
    channel.stop();
    System.exit(0); // a source's threads left behind must not keep the run's JVM alive
  }
}
