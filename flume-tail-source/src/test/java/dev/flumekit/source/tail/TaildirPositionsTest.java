package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaildirPositionsTest {
  @TempDir Path dir;

  private long inode(Path file) throws IOException {
    return FileKey.stat(file).key().inode();
  }

  @Test
  void readsTaildirsJsonAsGsonWritesIt() throws Exception {
    assertEquals(
        List.of(
            new TaildirPositions.Entry(2496272, 12, "/var/log/test1/example.log"),
            new TaildirPositions.Entry(7, 0, "/var/log/a \"b\"/c\u00e9.log")),
        TaildirPositions.parse(
            "[{\"inode\":2496272,\"pos\":12,\"file\":\"/var/log/test1/example.log\"},"
                + " {\"inode\":7,\"pos\":0,\"file\":\"/var/log/a \\\"b\\\"/c\\u00e9.log\"}]",
            dir));
    assertEquals(List.of(), TaildirPositions.parse(" [ ] ", dir));
  }

  @Test
  void malformedJsonNamesTheFile() {
    IOException e =
        assertThrows(IOException.class, () -> TaildirPositions.parse("[{\"inode\":1,", dir));
    assertTrue(e.getMessage().startsWith(dir + " is not TAILDIR's JSON positions"), e.getMessage());
    IOException missing =
        assertThrows(IOException.class, () -> TaildirPositions.parse("[{\"inode\":1}]", dir));
    assertTrue(missing.getMessage().contains("without inode, pos or file"), missing.getMessage());
  }

  @Test
  void resumesFilesByInodeUnderTheirNameOrRenamedAndLeavesOutTheGone() throws Exception {
    Path live = Files.writeString(dir.resolve("access.log"), "line 1\nline 2\nline 3\n");
    Path rotated = Files.writeString(dir.resolve("app.log"), "old 1\nold 2\n");
    long rotatedInode = inode(rotated);
    // rotated since TAILDIR stopped: app.log is now app.log.1, and a new app.log exists
    Files.move(rotated, dir.resolve("app.log.1"));
    Files.writeString(dir.resolve("app.log"), "new 1\n");
    Path json = dir.resolve("taildir_position.json");
    Files.writeString(
        json,
        "[{\"inode\":"
            + inode(live)
            + ",\"pos\":7,\"file\":\""
            + live
            + "\"},{\"inode\":"
            + rotatedInode
            + ",\"pos\":6,\"file\":\""
            + dir.resolve("app.log")
            + "\"},{\"inode\":99999999,\"pos\":3,\"file\":\""
            + dir.resolve("gone.log")
            + "\"}]",
        StandardCharsets.UTF_8);
    TaildirPositions.Imported imported = TaildirPositions.read(json, 1024);
    assertEquals(2, imported.positions().size(), imported.toString());
    assertEquals(live, imported.positions().get(0).path());
    assertEquals(7, imported.positions().get(0).offset());
    assertEquals(dir.resolve("app.log.1"), imported.positions().get(1).path());
    assertEquals(6, imported.positions().get(1).offset());
    assertEquals(1, imported.notResumed().size());
    assertTrue(imported.notResumed().get(0).contains("gone.log"), imported.notResumed().toString());
  }

  @Test
  void aGlobThatLooksLikeTaildirsRegularExpressionIsWarnedAbout() {
    assertEquals(
        Optional.of("/var/log/app/*log*"), TailSourceConfig.regexLike("/var/log/app/.*log.*"));
    assertEquals(
        Optional.of("/var/log/app/access.log"),
        TailSourceConfig.regexLike("/var/log/app/access\\.log"));
    assertEquals(Optional.empty(), TailSourceConfig.regexLike("/var/log/app/*.log"));
    assertEquals(Optional.empty(), TailSourceConfig.regexLike("/var/log/app/access.log"));
    TailSourceConfig config =
        TailSourceConfig.parse(
            "r", Map.of("filegroups", "a", "filegroups.a", "/var/log/test2/.*log.*"));
    assertEquals(
        List.of(
            "filegroups.a = '/var/log/test2/.*log.*' looks like a regular expression (Flume's"
                + " TAILDIR source takes those); this source takes globs, such as"
                + " '/var/log/test2/*log*'"),
        config.warnings());
  }
}
