package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/** The directories Flume's file channel writes, as it takes its keys. */
class FileChannelDirectoriesTest {
  @Test
  void itsDefaultsAreUnderTheAgentUsersHomeAndNoBackupCheckpoint() {
    assertEquals(
        Map.of(
            "checkpointDir", List.of(Path.of("/home/flume/.flume/file-channel/checkpoint")),
            "dataDirs", List.of(Path.of("/home/flume/.flume/file-channel/data"))),
        FileChannelDirectories.of(new Context(), "/home/flume"));
  }

  @Test
  void configuredListsAreSplitAtCommasAndATildeIsNotExpanded() {
    assertEquals(
        Map.of(
            "checkpointDir", List.of(Path.of("~/checkpoint")),
            "dataDirs", List.of(Path.of("/disk1/data"), Path.of("/disk2/data")),
            "backupCheckpointDir", List.of(Path.of("/backup"))),
        FileChannelDirectories.of(
            new Context(
                Map.of(
                    "checkpointDir", "~/checkpoint",
                    "dataDirs", "/disk1/data, /disk2/data",
                    "backupCheckpointDir", "/backup")),
            "/home/flume"));
  }

  @Test
  void aBlankValueIsNoDirectory() {
    assertEquals(
        List.of("checkpointDir"),
        List.copyOf(
            FileChannelDirectories.of(
                    new Context(Map.of("dataDirs", " ", "backupCheckpointDir", "")), "/h")
                .keySet()));
  }
}
