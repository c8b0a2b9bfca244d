package dev.flumekit.bench;

import dev.flumekit.source.TailSource;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
 * Lines per second from one access-log file into a MemoryChannel: Flume 1.11's TAILDIR against
 * flumekit's TailSource, same file (in the page cache), same batch size, same channel, one thread
 * taking from the channel as a sink would; rounds alternate the contenders.
 */
public final class TailSourceBenchmark {
  private static final int BATCH = 1000;

  private TailSourceBenchmark() {}

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work =
        Files.createDirectories(
            BenchmarkHome.workDirectory(Paths.get("").toAbsolutePath(), "tail-source"));
    Path log = work.resolve("access.log");
    long bytes = writeLog(log, lines);
    System.out.printf(
        Locale.ROOT,
        "%,d lines, %.1f MiB, batches of %d, MemoryChannel%n",
        lines,
        bytes / 1048576.0,
        BATCH);
    List<Double> strict = new ArrayList<>();
    List<Double> paced = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      double flume =
          run("TAILDIR", TaildirSource::new, Map.of("filegroups.f1", log.toString()), work, lines);
      // positions written after every committed batch (the default)
      double ours =
          run(
              "flumekit TailSource",
              TailSource::new,
              Map.of("filegroups.f1", log.toString(), "batchDurationMillis", "0"),
              work,
              lines);
      // positions written at most every 10 ms (TAILDIR writes them every 3 s, without fsync)
      double oursEvery10ms =
          run(
              "flumekit TailSource 10ms",
              TailSource::new,
              Map.of(
                  "filegroups.f1",
                  log.toString(),
                  "batchDurationMillis",
                  "0",
                  "writePosInterval",
                  "10"),
              work,
              lines);
      strict.add(ours / flume);
      paced.add(oursEvery10ms / flume);
      System.out.printf(
          Locale.ROOT,
          "round %d: TAILDIR %,.0f lines/s (%.0f MiB/s); flumekit %,.0f lines/s (%.0f MiB/s)"
              + " %.2fx; flumekit, positions every 10 ms %,.0f lines/s %.2fx%n",
          round,
          flume,
          flume * bytes / lines / 1048576,
          ours,
          ours * bytes / lines / 1048576,
          ours / flume,
          oursEvery10ms,
          oursEvery10ms / flume);
    }
    strict.sort(null);
    paced.sort(null);
    System.out.printf(
        Locale.ROOT,
        "median ratio flumekit/TAILDIR: %.2fx (positions after every batch), %.2fx (every 10 ms)%n",
        strict.get(strict.size() / 2),
        paced.get(paced.size() / 2));
  }

  private static long writeLog(Path log, int lines) throws Exception {
    byte[][] corpus = AccessLogLines.generate(100_000, 42);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log), 1 << 20)) {
      for (int i = 0; i < lines; i++) {
        out.write(corpus[i % corpus.length]);
        out.write('\n');
      }
    }
    return Files.size(log);
  }

  /** Lines per second from start until the drain thread has taken every line. */
  private static double run(
      String name,
      Supplier<PollableSource> contender,
      Map<String, String> settings,
      Path work,
      int lines)
      throws Exception {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("c-" + name);
    Configurables.configure(
        channel,
        new Context(
            Map.of(
                "capacity", "100000",
                "transactionCapacity", Integer.toString(BATCH),
                "keep-alive", "1")));
    channel.start();
    PollableSource source = contender.get();
    source.setName(name.replace(' ', '-'));
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    source.setChannelProcessor(new ChannelProcessor(selector));
    Path positions = work.resolve("positions-" + System.nanoTime());
    Map<String, String> p = new HashMap<>(settings);
    p.put("filegroups", "f1");
    p.put("positionFile", positions.toString());
    p.put("batchSize", Integer.toString(BATCH));
    Configurables.configure(source, new Context(p));
    SourceRunner runner = SourceRunner.forSource(source);
    AtomicLong taken = new AtomicLong();
    Thread drain =
        new Thread(
            () -> {
              while (taken.get() < lines) {
                Transaction tx = channel.getTransaction();
                tx.begin();
                int n = 0;
                while (n < BATCH && channel.take() != null) {
                  n++;
                }
                tx.commit();
                tx.close();
                taken.addAndGet(n);
              }
            });
    long start = System.nanoTime();
    drain.start();
    runner.start();
    drain.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    runner.stop();
    channel.stop();
    return lines / seconds;
  }
}
