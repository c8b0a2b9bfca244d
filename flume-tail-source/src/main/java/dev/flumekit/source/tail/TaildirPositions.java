package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The positions of Flume's TAILDIR source, for a cut-over to this one: its positionFile is a JSON
 * array of {@code {"inode":N,"pos":N,"file":"/path"}}, one per file it tailed. A file is resumed at
 * {@code pos} if it still has that inode, under its name or renamed within its directory (a
 * rotation since TAILDIR stopped); one that is gone is left out, and said so.
 */
final class TaildirPositions {
  /** One of TAILDIR's entries. */
  record Entry(long inode, long pos, String file) {}

  /** The positions found, and what could not be resumed. */
  record Imported(List<Position> positions, List<String> notResumed) {}

  private TaildirPositions() {}

  static Imported read(Path taildirFile, int fingerprintBytes) throws IOException {
    List<Position> positions = new ArrayList<>();
    List<String> notResumed = new ArrayList<>();
    for (Entry e : parse(Files.readString(taildirFile, StandardCharsets.UTF_8), taildirFile)) {
      Path found = locate(e);
      if (found == null) {
        notResumed.add(e.file() + " (inode " + e.inode() + "): no file with that inode there now");
        continue;
      }
      FileKey.Stat stat = FileKey.stat(found);
      if (stat.size() < e.pos()) {
        notResumed.add(
            found + ": shorter (" + stat.size() + " bytes) than TAILDIR's position " + e.pos());
        continue;
      }
      Fingerprint fingerprint;
      try (FileChannel c = FileChannel.open(found, StandardOpenOption.READ)) {
        fingerprint = Fingerprint.of(c, fingerprintBytes);
      }
      // TAILDIR's lines carried no line ids: flumekit's lines of the file begin a new sequence
      positions.add(new Position(stat.key(), fingerprint, e.pos(), found, FileIdentity.fresh()));
    }
    return new Imported(positions, notResumed);
  }

  /** The file that has the entry's inode: at its path, else renamed within its directory. */
  private static Path locate(Entry e) throws IOException {
    Path path = Paths.get(e.file());
    if (Files.isRegularFile(path) && FileKey.stat(path).key().inode() == e.inode()) {
      return path;
    }
    Path dir = path.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return null;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f) && FileKey.stat(f).key().inode() == e.inode()) {
          return f;
        }
      }
    }
    return null;
  }

  /** TAILDIR's JSON: an array of flat objects of numbers and strings. */
  static List<Entry> parse(String json, Path source) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Reader r = new Reader(json, source);
    r.expect('[');
    if (r.peek() == ']') {
      return entries;
    }
    do {
      Map<String, String> fields = new LinkedHashMap<>();
      r.expect('{');
      if (r.peek() != '}') {
        do {
          String key = r.string();
          r.expect(':');
          fields.put(key, r.peek() == '"' ? r.string() : r.number());
        } while (r.comma());
      }
      r.expect('}');
      try {
        entries.add(
            new Entry(
                Long.parseLong(fields.get("inode")),
                Long.parseLong(fields.get("pos")),
                fields.get("file")));
      } catch (RuntimeException ex) {
        throw new IOException(source + ": an entry without inode, pos or file: " + fields, ex);
      }
    } while (r.comma());
    r.expect(']');
    return entries;
  }

  /** Reads JSON tokens off a string; every mistake names the file and the position. */
  private static final class Reader {
    private final String s;
    private final Path source;
    private int i;

    Reader(String s, Path source) {
      this.s = s;
      this.source = source;
    }

    char peek() throws IOException {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length()) {
        throw malformed("more");
      }
      return s.charAt(i);
    }

    void expect(char c) throws IOException {
      if (peek() != c) {
        throw malformed("'" + c + "'");
      }
      i++;
    }

    boolean comma() throws IOException {
      if (peek() == ',') {
        i++;
        return true;
      }
      return false;
    }

    String number() throws IOException {
      peek();
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
        i++;
      }
      if (start == i) {
        throw malformed("a number or a string");
      }
      return s.substring(start, i);
    }

    String string() throws IOException {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\' && i < s.length()) {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              if (i + 4 > s.length()) {
                throw malformed("four hex digits");
              }
              out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      expect('"');
      return out.toString();
    }

    private IOException malformed(String expected) {
      return new IOException(
          source + " is not TAILDIR's JSON positions: expected " + expected + " at character " + i);
    }
  }
}
