package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.hbase.MiniHBase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flume 1.11 agent with the tarball's HBase sink (shaded HBase 2.6 client in its isolated
 * class loader) writing access-log lines, parsed by the tarball's interceptors, to a real HBase:
 * one row per line and click counters per course and day.
 */
class HBaseSinkAgentIT {
  static final int LINES = 1200;

  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final MiniHBase hbase = MiniHBase.perJvm();

  @BeforeAll
  static void install() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  @Test
  void pluginLayoutKeepsHadoopOffTheAgentClassPath() throws Exception {
    List<String> isolated =
        TarballHome.isolatedPluginLayout(flumeHome, "flumekit-hbase-sink", "flumekit-hbase-api");
    assertTrue(isolated.contains("hbase-shaded-client-2.6.4.jar"), isolated.toString());
  }

  @Test
  void aCustomSerializerRunsFromItsOwnPluginDirectory() throws Exception {
    hbase.createTable("custom", "d");
    Path jar =
        Files.createDirectories(flumeHome.resolve("plugins.d/example-serializer/lib"))
            .resolve("example-serializer.jar");
    String entry = UpperCaseBodySerializer.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        InputStream in =
            UpperCaseBodySerializer.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    Path spool = Files.createDirectories(dir.resolve("spool-custom"));
    Path staging = dir.resolve("custom.log");
    Files.write(staging, List.of("alpha", "beta", "gamma"), StandardCharsets.UTF_8);
    String conf =
        TarballHome.spoolDirAgent(
            spool,
            "a1.channels.c1.type = memory",
            "a1.sinks.k1.type = dev.flumekit.hbase.HBaseSink",
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.table = custom",
            "a1.sinks.k1.columnFamily = d",
            "a1.sinks.k1.zookeeperQuorum = " + hbase.zookeeperQuorum(),
            "a1.sinks.k1.serializer = " + UpperCaseBodySerializer.class.getName(),
            "a1.sinks.k1.serializer.qualifier = upper",
            "");
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    try (FlumeAgent agent =
        TarballHome.startAgent(
            flumeHome, dir, "custom", conf, FlumeAgent.CLIENTS_AT_WARN, metrics.jvmOptions())) {
      Files.move(staging, spool.resolve("custom.log"));
      String json = metrics.await("\"EventDrainSuccessCount\":\"3\"", Duration.ofSeconds(120));
      assertTrue(json.contains("\"DeadLetterCount\":\"0\""), json);
      assertFalse(agent.log().contains(" ERROR "), agent.log());
    } finally {
      Files.delete(jar);
    }
    try (Table table = hbase.connection().getTable(TableName.valueOf("custom"))) {
      for (String word : List.of("alpha", "beta", "gamma")) {
        Result r = table.get(new Get(Bytes.toBytes(word)));
        assertEquals(
            word.toUpperCase(Locale.ROOT),
            Bytes.toString(r.getValue(Bytes.toBytes("d"), Bytes.toBytes("upper"))),
            word);
      }
    }
  }

  @Test
  void linesBecomeRowsAndCountersInHBase() throws Exception {
    hbase.createTable("access", "d", "c");
    Path spool = Files.createDirectories(dir.resolve("spool"));
    Map<String, Long> clicks = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (int n = 0; n < LINES; n++) {
      int course = 100 + n % 4;
      int day = 21 + n % 2;
      lines.add(
          String.format(
              "10.0.0.%d - - [%d/Nov/2026:10:%02d:%02d +0800] \"GET /class/%d.html HTTP/1.1\" 200 %d"
                  + " \"-\" \"curl/8.5.0\"",
              n % 9, day, n / 60 % 60, n % 60, course, n));
      clicks.merge("202611" + day + "_" + course, 1L, Long::sum);
    }
    Path staging = dir.resolve("access.log");
    Files.write(staging, lines, StandardCharsets.UTF_8);

    String i = "a1.sources.r1.interceptors.";
    String conf =
        TarballHome.spoolDirAgent(
            spool,
            "a1.sources.r1.interceptors = access",
            i + "access.type = dev.flumekit.interceptor.AccessLogInterceptor$Builder",
            i + "access.pathTemplates = /class/{course}.html",
            i + "access.fields = client,path,status,bytes",
            "a1.channels.c1.type = memory",
            "a1.channels.c1.capacity = 10000",
            "a1.channels.c1.transactionCapacity = 1000",
            "a1.sinks.k1.type = dev.flumekit.hbase.HBaseSink",
            "a1.sinks.k1.channel = c1",
            "a1.sinks.k1.table = access",
            "a1.sinks.k1.columnFamily = d",
            "a1.sinks.k1.counterColumnFamily = c",
            "a1.sinks.k1.zookeeperQuorum = " + hbase.zookeeperQuorum(),
            "a1.sinks.k1.batchSize = 500",
            "a1.sinks.k1.serializer = events,counters",
            "a1.sinks.k1.rowKey = %{time:yyyyMMdd}/%{bytes:6}",
            "a1.sinks.k1.timezone = Asia/Shanghai",
            "a1.sinks.k1.counterRow = %{time:yyyyMMdd}_%{course}",
            "a1.sinks.k1.counterColumn = clicks",
            "a1.sinks.k1.deadLetter = file:" + dir.resolve("dlq"),
            "");
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    try (FlumeAgent agent =
        TarballHome.startAgent(
            flumeHome, dir, "agent", conf, FlumeAgent.CLIENTS_AT_WARN, metrics.jvmOptions())) {
      Files.move(staging, spool.resolve("access.log"));
      String json =
          metrics.await("\"EventDrainSuccessCount\":\"" + LINES + "\"", Duration.ofSeconds(120));
      assertTrue(json.contains("\"SINK.k1\":{"), json);
      assertTrue(json.contains("\"DeadLetterCount\":\"0\""), json);
      assertTrue(json.contains("\"PutCount\":\"" + LINES + "\""), json);
      String log = agent.log();
      assertTrue(
          log.contains(
              "Plugin flumekit-hbase-sink "
                  + TarballHome.VERSION
                  + " runs isolated from the agent's lib/"),
          log);
      assertFalse(log.contains(" ERROR "), log);
    }
    try (Table table = hbase.connection().getTable(TableName.valueOf("access"))) {
      int rows = 0;
      try (ResultScanner scanner = table.getScanner(new Scan().addFamily(Bytes.toBytes("d")))) {
        for (Result r : scanner) {
          rows++;
        }
      }
      assertEquals(LINES, rows);
      Result one = table.get(new Get(Bytes.toBytes("20261121/000042")));
      assertEquals(
          lines.get(42), Bytes.toString(one.getValue(Bytes.toBytes("d"), Bytes.toBytes("body"))));
      for (Map.Entry<String, Long> e : clicks.entrySet()) {
        Result r = table.get(new Get(Bytes.toBytes(e.getKey())));
        assertEquals(
            e.getValue(),
            Bytes.toLong(r.getValue(Bytes.toBytes("c"), Bytes.toBytes("clicks"))),
            e.getKey());
      }
    }
  }
}
