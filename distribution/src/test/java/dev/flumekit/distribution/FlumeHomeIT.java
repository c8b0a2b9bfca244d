package dev.flumekit.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flumekit.testkit.FlumeAgent;
import dev.flumekit.testkit.FlumeHome;
import dev.flumekit.testkit.FlumeMetrics;
import dev.flumekit.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball unpacked into a Flume 1.11.0 home whose lib/ is Flume's own (kafka-clients 2.7.2,
 * guava 11.0.2, snappy-java 1.1.8.4, zstd-jni 1.4.5-6 first on the class path), run as a real agent
 * in a child JVM with the class path bin/flume-ng builds.
 */
@Tag("slow")
class FlumeHomeIT {
  static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");
  static final String VERSION = TarballHome.VERSION;

  @TempDir static Path dir;
  static Path flumeHome;
  @RegisterExtension static final KafkaBrokerExtension kafka = KafkaBrokerExtension.perJvm();

  @BeforeAll
  static void installIntoAFlumeHome() throws Exception {
    flumeHome = TarballHome.install(dir);
  }

  @Test
  void everyPluginJarAndDirectoryIsNamedFlumekit() throws Exception {
    // Flume's lib/ holds flume-kafka-source-1.11.0.jar: a plugin jar of the same name would leave
    // an operator two files that differ only in their version
    List<String> flumeJars = FlumeHome.fileNames(flumeHome.resolve("lib"));
    try (Stream<Path> plugins = Files.list(flumeHome.resolve("plugins.d"))) {
      for (Path plugin : plugins.toList()) {
        assertTrue(plugin.getFileName().toString().startsWith("flumekit-"), plugin.toString());
        for (String dirName : List.of("lib", "libext")) {
          for (String jar : FlumeHome.fileNames(plugin.resolve(dirName))) {
            if (jar.startsWith("re2j-")) {
              continue; // a library, not ours; Flume's lib/ has none
            }
            assertTrue(jar.startsWith("flumekit-"), plugin + "/" + dirName + "/" + jar);
            String artifact = jar.substring(0, jar.length() - (VERSION + ".jar").length());
            assertFalse(
                flumeJars.stream().anyMatch(f -> f.startsWith(artifact)),
                jar + " shares its name with a jar of Flume's lib/");
          }
        }
      }
    }
  }

  /**
   * The files of Flume 1.11.0's binary distribution an operator may have changed, and the ones an
   * operator creates from its templates (apache-flume-1.11.0-bin.tar.gz, its top level, bin/ and
   * conf/).
   */
  static final List<String> FLUME_OWN_FILES =
      List.of(
          "LICENSE",
          "NOTICE",
          "README.md",
          "RELEASE-NOTES",
          "CHANGELOG",
          "DEVNOTES",
          "doap_Flume.rdf",
          "bin/flume-ng",
          "bin/flume-ng.cmd",
          "bin/flume-ng.ps1",
          "conf/log4j2.xml",
          "conf/flume-env.sh",
          "conf/flume-env.sh.template",
          "conf/flume-env.ps1.template",
          "conf/flume-conf.properties",
          "conf/flume-conf.properties.template");

  @Test
  void theTarballUnpackedOverAFlumeHomeKeepsFlumesOwnFiles() throws Exception {
    Path home = Files.createDirectories(dir.resolve("operators-flume-home"));
    for (String file : FLUME_OWN_FILES) {
      Path f = home.resolve(file);
      Files.createDirectories(f.getParent());
      Files.writeString(f, "the operator's " + file);
    }
    Process untar =
        new ProcessBuilder(
                "tar", "xzf", System.getProperty("flumekit.tarball"), "-C", home.toString())
            .inheritIO()
            .start();
    assertEquals(0, untar.waitFor());
    for (String file : FLUME_OWN_FILES) {
      assertEquals("the operator's " + file, Files.readString(home.resolve(file)), file);
    }
    // and nothing in the tarball has the name of a directory Flume's distribution has either,
    // but for the ones flumekit adds to (conf/, bin/, lib/ untouched)
    Process list =
        new ProcessBuilder("tar", "tzf", System.getProperty("flumekit.tarball"))
            .redirectErrorStream(true)
            .start();
    List<String> entries =
        new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertEquals(0, list.waitFor());
    for (String entry : entries) {
      String top = entry.replaceFirst("^\\./", "").split("/")[0];
      assertTrue(
          List.of("bin", "conf", "plugins.d", "flume", "flumekit").contains(top),
          entry + ": not a directory flumekit owns or adds to");
      assertFalse(entry.matches("(\\./)?(lib|tools|docs)/.*"), entry);
      // what an operator edits ships as X.dist only: unpacking an upgrade never replaces it
      assertFalse(entry.matches("(\\./)?conf/.*\\.(conf|sh|xml)"), entry);
    }
    assertTrue(Files.exists(home.resolve("flumekit/LICENSE")));
    assertTrue(Files.exists(home.resolve("flumekit/CHANGELOG.md")));
    assertTrue(Files.exists(home.resolve("conf/flumekit/flume-env.sh.dist")));
    // Flume's own launcher finds flumekit's settings with -c conf/flumekit (once installed from
    // the .dist files)
    assertTrue(
        Files.readString(home.resolve("conf/flumekit/log4j2.xml.dist")).contains("IfLastModified"));
  }

  @Test
  void tarballLaysOutPluginsDirAndConf() throws Exception {
    Path plugin = flumeHome.resolve("plugins.d/flumekit-kafka-sink");
    List<String> isolated = TarballHome.isolatedPluginLayout(flumeHome, "flumekit-kafka-sink");
    assertTrue(isolated.contains("kafka-clients-4.3.1.jar"), isolated.toString());
    assertTrue(isolated.stream().anyMatch(n -> n.startsWith("zstd-jni-1.5")), isolated.toString());
    assertTrue(
        isolated.stream().anyMatch(n -> n.startsWith("snappy-java-1.1.10")), isolated.toString());
    assertTrue(isolated.stream().anyMatch(n -> n.startsWith("lz4-java-")), isolated.toString());
    List<String> channelIsolated =
        TarballHome.isolatedPluginLayout(flumeHome, "flumekit-kafka-channel");
    assertTrue(channelIsolated.contains("kafka-clients-4.3.1.jar"), channelIsolated.toString());
    assertTrue(
        channelIsolated.contains("flumekit-kafka-sink-" + VERSION + ".jar"),
        "the channel's put side is the sink's send path, in the channel's own class loader");
    String client = "flumekit-kafka-client-" + VERSION + ".jar";
    assertTrue(isolated.contains(client), isolated.toString());
    assertTrue(channelIsolated.contains(client), channelIsolated.toString());
    List<String> sourceIsolated =
        TarballHome.isolatedPluginLayout(flumeHome, "flumekit-kafka-source");
    assertTrue(sourceIsolated.contains(client), sourceIsolated.toString());
    assertFalse(
        sourceIsolated.contains("flumekit-kafka-sink-" + VERSION + ".jar"),
        "the source shares the Kafka client module with the sink, not the sink itself");
    for (String conf :
        List.of(
            "collector.conf",
            "loader.conf",
            "single-agent.conf",
            "file-channel/collector.conf",
            "file-channel/loader.conf",
            "file-channel/single-agent.conf",
            "flumekit/log4j2.xml",
            "flumekit/flume-env.sh")) {
      // shipped as X.dist: unpacking an upgrade never replaces an operator's X
      assertTrue(Files.exists(flumeHome.resolve("conf").resolve(conf + ".dist")), conf);
    }

    // plugins.d/*/lib sits on the agent's flat class path: it must hold only flumekit's own
    // classes, so that nothing there shadows Flume's lib/ or is shadowed by it.
    try (JarFile jar =
        new JarFile(plugin.resolve("lib/flumekit-kafka-sink-" + VERSION + ".jar").toFile())) {
      List<String> foreign =
          jar.stream()
              .map(JarEntry::getName)
              .filter(n -> n.endsWith(".class") && !n.startsWith("dev/flumekit/"))
              .toList();
      assertEquals(List.of(), foreign);
    }
  }

  @Test
  void everyCodecReachesTheBrokerOnKafkaClients4InsideFlume() throws Exception {
    StringBuilder conf = new StringBuilder();
    conf.append("a1.sources = seq\n");
    conf.append("a1.channels = ").append(String.join(" ", channelNames())).append('\n');
    conf.append("a1.sinks = ").append(String.join(" ", CODECS)).append('\n');
    conf.append("a1.sources.seq.type = seq\n");
    conf.append("a1.sources.seq.totalEvents = 2000\n");
    conf.append("a1.sources.seq.batchSize = 500\n");
    conf.append("a1.sources.seq.channels = ").append(String.join(" ", channelNames())).append('\n');
    for (String codec : CODECS) {
      String channel = "c_" + codec;
      conf.append("a1.channels.").append(channel).append(".type = memory\n");
      conf.append("a1.channels.").append(channel).append(".capacity = 10000\n");
      conf.append("a1.channels.").append(channel).append(".transactionCapacity = 1000\n");
      String sink = "a1.sinks." + codec;
      conf.append(sink).append(".type = dev.flumekit.kafka.KafkaSink\n");
      conf.append(sink).append(".channel = ").append(channel).append('\n');
      conf.append(sink)
          .append(".kafka.bootstrap.servers = ")
          .append(kafka.broker().bootstrapServers())
          .append('\n');
      conf.append(sink).append(".kafka.topic = home-").append(codec).append('\n');
      conf.append(sink).append(".compression = ").append(codec).append('\n');
      conf.append(sink).append(".flumeBatchSize = 500\n");
      conf.append(sink).append(".deadLetter = file:").append(dir.resolve("dlq")).append('\n');
      kafka.broker().createTopic("home-" + codec, 1);
    }
    Path confDir = dir.resolve("conf-codecs");
    Path confFile =
        FlumeAgent.writeConfig(confDir, conf.toString(), Map.of("org.apache.kafka", "WARN"));
    FlumeMetrics metrics = FlumeMetrics.onFreePort();
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome,
            confDir,
            confFile,
            "a1",
            metrics.jvmOptions(),
            dir.resolve("logs/codecs.log"))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      for (String codec : CODECS) {
        while (kafka.broker().endOffsetSum("home-" + codec) < 2000) {
          assertTrue(agent.isAlive(), agent.log());
          assertTrue(System.nanoTime() < deadline, "timed out on " + codec + ":\n" + agent.log());
          Thread.sleep(200);
        }
        assertEquals(2000L, kafka.broker().endOffsetSum("home-" + codec));
        assertEquals(
            Set.of(codec),
            Set.copyOf(kafka.broker().batchCodecs("home-" + codec, 0)),
            "codec on disk");
      }
      String log = agent.log();
      assertTrue(
          log.contains(
              "Plugin flumekit-kafka-sink " + VERSION + " runs isolated from the agent's lib/"),
          log);
      for (String codec : CODECS) {
        assertTrue(
            log.contains("Sink " + codec + ": starting a kafka-clients 4.3.1 producer"),
            "kafka-clients 4.x inside Flume for " + codec + ":\n" + log);
      }
      assertFalse(log.contains(" ERROR "), log);

      String json = metrics.await("\"EventDrainSuccessCount\":\"2000\"", Duration.ofSeconds(30));
      for (String codec : CODECS) {
        assertTrue(json.contains("\"SINK." + codec + "\":{"), json);
      }
      assertTrue(json.contains("\"DeadLetterCount\":\"0\""), json);
      assertTrue(json.contains("\"BytesSent\":"), json);
      assertTrue(json.contains("\"EventWriteFail\":\"0\""), json);
    }
  }

  @Test
  void aBadConfigurationIsRefusedWithEveryProblemNamed() throws Exception {
    Path confDir = dir.resolve("conf-bad");
    FlumeAgent.writeLog4jConfig(confDir, Map.of());
    Path confFile = confDir.resolve("agent.conf");
    Files.writeString(
        confFile,
        "a1.sources = seq\na1.channels = c1\na1.sinks = k1\n"
            + "a1.sources.seq.type = seq\na1.sources.seq.channels = c1\n"
            + "a1.channels.c1.type = memory\n"
            + "a1.sinks.k1.type = dev.flumekit.kafka.KafkaSink\na1.sinks.k1.channel = c1\n"
            + "a1.sinks.k1.kafka.bootstrap.servers = 127.0.0.1:9\n"
            + "a1.sinks.k1.acks = most\na1.sinks.k1.flumeBatchsize = 10\n");
    try (FlumeAgent agent =
        FlumeAgent.start(
            flumeHome, confDir, confFile, "a1", List.of(), dir.resolve("logs/bad.log"))) {
      agent.awaitLog("Invalid configuration for Kafka sink k1", Duration.ofSeconds(60));
      assertTrue(
          agent
              .log()
              .contains(
                  "Invalid configuration for Kafka sink k1 (2 problems):\n"
                      + "  - acks = 'most': expected one of all, -1, 1, 0\n"
                      + "  - flumeBatchsize: unknown key (did you mean flumeBatchSize?)"),
          agent.log());
    }
  }

  private static List<String> channelNames() {
    return CODECS.stream().map(c -> "c_" + c).toList();
  }
}
