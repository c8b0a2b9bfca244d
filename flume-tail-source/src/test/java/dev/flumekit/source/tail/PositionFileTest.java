package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionFileTest {
  @TempDir Path dir;

  @Test
  void positionsSurviveAWriteAndReadIncludingOddPaths() throws IOException {
    PositionFile file = new PositionFile(dir.resolve("sub/tail.positions"));
    assertEquals(List.of(), file.read());
    List<Position> positions =
        List.of(
            new Position(
                new FileKey(2049, 77),
                new Fingerprint(512, -123456),
                8_000_000_000L,
                Paths.get("/var/log/app/app.log"),
                "0123456789abcdef"),
            new Position(
                new FileKey(1, 2),
                Fingerprint.EMPTY,
                0,
                Paths.get("/tmp/we\tird\\name\nwith lines.log"),
                FileIdentity.fresh()),
            new Position(
                new FileKey(3, 4),
                Fingerprint.EMPTY,
                5,
                Paths.get("/tmp/carriage\rreturn\u0001bell\u007f\\u0041.log"),
                FileIdentity.fresh()));
    file.write(positions);
    assertEquals(positions, file.read());
    assertTrue(Files.list(dir.resolve("sub")).allMatch(p -> p.toString().endsWith(".positions")));
  }

  @Test
  void aVersionOneFileIsReadWithoutIdentities() throws IOException {
    Path path = dir.resolve("old.positions");
    Files.writeString(
        path, "flumekit-tail-positions 1\n2049\t77\t1200\t512\t-5\t/var/log/app/app.log\n");
    assertEquals(
        List.of(
            new Position(
                new FileKey(2049, 77),
                new Fingerprint(512, -5),
                1200,
                Paths.get("/var/log/app/app.log"),
                null)),
        new PositionFile(path).read());
  }

  @Test
  void anIdentityThatIsNotSixteenHexDigitsIsRefused() throws IOException {
    Path path = dir.resolve("bad.positions");
    Files.writeString(path, "flumekit-tail-positions 2\n1\t2\t3\t0\t0\tnot-an-id\t/x.log\n");
    IOException e = assertThrows(IOException.class, () -> new PositionFile(path).read());
    assertTrue(e.getMessage().contains("line 2 is not a position"), e.getMessage());
  }

  @Test
  void aFileThatIsNotAPositionsFileIsRefusedWithItsName() throws IOException {
    Path path = dir.resolve("taildir_position.json");
    Files.writeString(path, "[{\"inode\":1,\"pos\":2,\"file\":\"/x\"}]");
    IOException e = assertThrows(IOException.class, () -> new PositionFile(path).read());
    assertEquals(
        path
            + " is not a flumekit tail positions file (first line should be"
            + " 'flumekit-tail-positions 2')",
        e.getMessage());
  }
}
