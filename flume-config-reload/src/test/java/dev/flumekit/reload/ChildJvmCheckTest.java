package dev.flumekit.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmCheckTest {
  @Test
  void theCheckInheritsTheAgentsPropertiesButNotItsLogFilesOrPorts() {
    List<String> command =
        ChildJvmCheck.javaCommand(
            Path.of("/jdk"),
            List.of(
                "-Xmx1g",
                "-Dkafka.brokers=b1:9092",
                "-Dflume.monitoring.port=41414",
                "-Dflume.log.file=collector.log",
                "-Dlog4j.configurationFile=/opt/flumekit/conf/flumekit/log4j2.xml",
                "-Dcom.sun.management.jmxremote.port=9999"));
    assertEquals(
        List.of("/jdk/bin/java", "-Xmx384m", "-Dkafka.brokers=b1:9092", ChildJvmCheck.MAIN),
        command);
  }

  @Test
  void theClassPathIsTheAgentsJarsAndTheCommandsNeverItsConfigurationDirectory() {
    String classPath =
        ChildJvmCheck.classPath(
            List.of(
                "/opt/flumekit/conf/flumekit",
                "/opt/flumekit/flume/lib/flume-ng-node-1.11.0.jar",
                "/opt/flumekit/plugins.d/flumekit-kafka-sink/lib/flumekit-kafka-sink-1.0.0.jar"),
            List.of(Path.of("/opt/flumekit/flumekit/lib/flumekit-tools-1.0.0.jar")));
    assertEquals(
        String.join(
            File.pathSeparator,
            "/opt/flumekit/flume/lib/flume-ng-node-1.11.0.jar",
            "/opt/flumekit/plugins.d/flumekit-kafka-sink/lib/flumekit-kafka-sink-1.0.0.jar",
            "/opt/flumekit/flumekit/lib/flumekit-tools-1.0.0.jar"),
        classPath);
  }
}
