package dev.flumekit.source.tail;

import dev.flumekit.common.files.DurableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The positions file: read at start, replaced atomically (temporary file, fsync, rename, fsync of
 * the directory) so a crash at any moment leaves either the old or the new positions, never a mix.
 * One line per file under a version line, tab separated: device, inode, offset, fingerprint length
 * and checksum, the file's identity in line ids, path (escaped). Version 1 files (no identity) are
 * still read; the next write is version 2.
 */
final class PositionFile {
  private static final String HEADER = "flumekit-tail-positions 2";
  private static final String HEADER_V1 = "flumekit-tail-positions 1";

  private final Path path;

  PositionFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /**
   * @return the positions, none when the file does not exist yet
   * @throws IOException also when the file is not a positions file, naming it and the bad line
   */
  List<Position> read() throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    boolean v1 = !lines.isEmpty() && lines.get(0).equals(HEADER_V1);
    if (lines.isEmpty() || !(v1 || lines.get(0).equals(HEADER))) {
      throw new IOException(
          path + " is not a flumekit tail positions file (first line should be '" + HEADER + "')");
    }
    List<Position> positions = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t", v1 ? 6 : 7);
      try {
        String identity = v1 ? null : f[5];
        if (!v1 && !FileIdentity.valid(identity)) {
          throw new IllegalArgumentException("identity " + identity + " is not 16 hex digits");
        }
        positions.add(
            new Position(
                new FileKey(Long.parseLong(f[0]), Long.parseLong(f[1])),
                new Fingerprint(Integer.parseInt(f[3]), Integer.parseInt(f[4])),
                Long.parseLong(f[2]),
                Paths.get(unescape(f[v1 ? 5 : 6])),
                identity));
      } catch (RuntimeException e) {
        throw new IOException(path + " line " + (i + 1) + " is not a position: " + line, e);
      }
    }
    return positions;
  }

  void write(List<Position> positions) throws IOException {
    StringBuilder text = new StringBuilder(64 + positions.size() * 96);
    text.append(HEADER).append('\n');
    for (Position p : positions) {
      text.append(p.key().device())
          .append('\t')
          .append(p.key().inode())
          .append('\t')
          .append(p.offset())
          .append('\t')
          .append(p.fingerprint().length())
          .append('\t')
          .append(p.fingerprint().checksum())
          .append('\t')
          .append(p.identity())
          .append('\t')
          .append(escape(p.path().toString()))
          .append('\n');
    }
    DurableFile.replace(path, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The path on one line: a backslash and every control character (tab, CR, LF, and the rest of C0,
   * DEL) are escaped, so no file name can split or end a line of the positions file.
   */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        if (next == 'u' && i + 4 < s.length()) {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        } else {
          out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
