package dev.flumekit.source.tail;

import dev.flumekit.common.config.ComponentConfig;
import dev.flumekit.common.config.ConfigDef;
import dev.flumekit.common.config.ConfigKey;
import dev.flumekit.common.config.ConfigPrefix;
import dev.flumekit.common.config.ConfigProblems;
import dev.flumekit.common.config.ParsedConfig;
import dev.flumekit.common.config.Validator;
import dev.flumekit.common.config.ValueType;
import dev.flumekit.common.files.UserPaths;
import dev.flumekit.common.regex.LineRegex;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tail source's configuration: every key declared once, parsed once, immutable. */
public final class TailSourceConfig extends ComponentConfig {
  public static final ConfigKey<List<String>> FILE_GROUPS =
      ConfigKey.builder(
              "filegroups",
              ValueType.of(
                  "group names separated by spaces or commas",
                  s -> {
                    List<String> names =
                        Arrays.stream(s.split("[\\s,]+")).filter(n -> !n.isEmpty()).toList();
                    if (names.isEmpty()) {
                      throw new IllegalArgumentException();
                    }
                    return names;
                  }))
          .required()
          .doc(
              "Names of the file groups; each needs filegroups.<name>. A file matched by two"
                  + " groups is read once, as the first group's.")
          .build();

  public static final ConfigPrefix GROUP_GLOBS =
      new ConfigPrefix(
          "filegroups.",
          "filegroups.<name> = an absolute glob: `/var/log/nginx/access.log`,"
              + " `/var/log/app/*.log`, `/srv/*/logs/**.log` (`**` crosses directories). Files"
              + " that appear later are picked up. Unlike TAILDIR, the pattern is a glob, not a"
              + " regular expression.");

  public static final ConfigPrefix GROUP_HEADERS =
      new ConfigPrefix(
          "headers.",
          "headers.<group>.<header> = a value set on every event of that group's files, as in"
              + " TAILDIR.");

  public static final ConfigKey<String> POSITION_FILE =
      ConfigKey.builder("positionFile", ValueType.NON_EMPTY_STRING)
          .defaultDoc("~/.flume/flumekit-tail/<source name>.positions")
          .doc(
              "Where read positions are kept, replaced atomically after channel commits. One per"
                  + " source.")
          .build();

  public static final ConfigKey<String> TAILDIR_POSITION_FILE =
      ConfigKey.builder("taildirPositionFile", ValueType.NON_EMPTY_STRING)
          .doc(
              "Moving from Flume's TAILDIR source: its positionFile (JSON of inode, pos and file),"
                  + " read at the first start, when positionFile does not exist yet, so that the"
                  + " cut-over neither repeats nor skips lines. A file is resumed where TAILDIR"
                  + " stopped if it still has the inode TAILDIR saw, under its name or renamed"
                  + " within its directory; afterwards only positionFile counts.")
          .build();

  public static final ConfigKey<Integer> BATCH_SIZE =
      ConfigKey.builder("batchSize", ValueType.INT)
          .defaultValue(100)
          .validator(Validator.atLeast(1))
          .doc(
              "Most events written to the channel in one transaction (at most the channel's"
                  + " transactionCapacity).")
          .build();

  public static final ConfigKey<Integer> BATCH_DURATION_MS =
      ConfigKey.builder("batchDurationMillis", ValueType.INT)
          .defaultValue(500)
          .validator(Validator.atLeast(0))
          .doc(
              "Longest a started batch waits for more lines before it is written anyway; 0 writes"
                  + " whatever one pass over the files found.")
          .build();

  public static final ConfigKey<Boolean> SKIP_TO_END =
      ConfigKey.builder("skipToEnd", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc(
              "Files found at start with no saved position are read from their end instead of"
                  + " their beginning. Files that appear later are always read from the"
                  + " beginning.")
          .build();

  public static final ConfigKey<Charset> CHARSET =
      ConfigKey.builder(
              "charset",
              ValueType.of(
                  "a charset that encodes ASCII as itself (UTF-8, ISO-8859-1, windows-1252,"
                      + " GB18030, ...)",
                  TailSourceConfig::asciiCompatible))
          .defaultValue(StandardCharsets.UTF_8)
          .doc(
              "The files' encoding. Bodies are UTF-8: UTF-8 lines pass as they are (bytes"
                  + " unchanged), others are converted.")
          .build();

  public static final ConfigKey<Integer> MAX_LINE_BYTES =
      ConfigKey.builder("maxLineBytes", ValueType.INT)
          .defaultValue(65536)
          .validator(Validator.atLeast(16))
          .doc(
              "A longer line keeps its first maxLineBytes bytes, gets the truncatedHeader and is"
                  + " counted (LinesTruncated); the rest of it is skipped.")
          .build();

  public static final ConfigKey<String> TRUNCATED_HEADER =
      ConfigKey.builder("truncatedHeader", ValueType.NON_EMPTY_STRING)
          .defaultValue("truncated")
          .doc("Header set to `true` on events cut at maxLineBytes.")
          .build();

  public static final ConfigKey<LineRegex> MULTILINE_START =
      ConfigKey.builder("multiline.start", ValueType.LINE_REGEX)
          .doc(
              "Multi-line events: a line in which this pattern is found starts a new event; other"
                  + " lines belong to the event before them. E.g. `^\\d{4}-\\d{2}-\\d{2} ` for"
                  + " lines that start with a date. Set this or multiline.continuation.")
          .build();

  public static final ConfigKey<LineRegex> MULTILINE_CONTINUATION =
      ConfigKey.builder("multiline.continuation", ValueType.LINE_REGEX)
          .doc(
              "Multi-line events: a line in which this pattern is found belongs to the event"
                  + " before it. E.g. `^(\\s+at |\\s+\\.\\.\\. \\d+ more|Caused by: )` for Java"
                  + " stack traces.")
          .build();

  public static final ConfigKey<Integer> MULTILINE_MAX_LINES =
      ConfigKey.builder("multiline.maxLines", ValueType.INT)
          .defaultValue(500)
          .validator(Validator.atLeast(2))
          .doc(
              "A multi-line event is written when it has this many lines; the lines after it"
                  + " start a new event (split, counted as MultilineSplits, never dropped).")
          .build();

  public static final ConfigKey<Integer> MULTILINE_MAX_BYTES =
      ConfigKey.builder("multiline.maxBytes", ValueType.INT)
          .defaultValue(1_048_576)
          .validator(Validator.atLeast(16))
          .doc("As multiline.maxLines, for the event's size in bytes.")
          .build();

  public static final ConfigKey<Integer> MULTILINE_FLUSH_MS =
      ConfigKey.builder("multiline.flushTimeoutMillis", ValueType.INT)
          .defaultValue(1000)
          .validator(Validator.atLeast(1))
          .doc(
              "A multi-line event is written when no line was added to it for this long, even"
                  + " if its next start line has not arrived.")
          .build();

  public static final ConfigKey<Boolean> FILE_HEADER =
      ConfigKey.builder("fileHeader", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc("Set fileHeaderKey to the file's path on each event.")
          .build();

  public static final ConfigKey<String> FILE_HEADER_KEY =
      ConfigKey.builder("fileHeaderKey", ValueType.NON_EMPTY_STRING)
          .defaultValue("file")
          .doc("Header for the file's path.")
          .build();

  public static final ConfigKey<Boolean> OFFSET_HEADER =
      ConfigKey.builder("byteOffsetHeader", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc("Set byteOffsetHeaderKey to the byte offset of the event's first line in its file.")
          .build();

  public static final ConfigKey<String> OFFSET_HEADER_KEY =
      ConfigKey.builder("byteOffsetHeaderKey", ValueType.NON_EMPTY_STRING)
          .defaultValue("byteoffset")
          .doc("Header for the byte offset.")
          .build();

  public static final ConfigKey<String> LINE_ID_HEADER =
      ConfigKey.builder("lineIdHeader", ValueType.NON_EMPTY_STRING)
          .doc(
              "Header for the line's identity, <file id>:<byte offset>, which a line read again"
                  + " (after a crash, from a rotated file or a copytruncate copy) keeps: the file"
                  + " id is random per file, saved in positionFile before the file's first line"
                  + " leaves, and kept through renames and copytruncate copies. The HBase sink's"
                  + " counterGuarantee = exactly-once counts each id once. Unset: no header.")
          .build();

  public static final ConfigKey<Boolean> HOST_HEADER =
      ConfigKey.builder("hostHeader", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc("Set hostHeaderKey to this machine's host name on each event.")
          .build();

  public static final ConfigKey<String> HOST_HEADER_KEY =
      ConfigKey.builder("hostHeaderKey", ValueType.NON_EMPTY_STRING)
          .defaultValue("host")
          .doc("Header for the host name.")
          .build();

  public static final ConfigKey<Boolean> FOLLOW_SYMLINKS =
      ConfigKey.builder("followSymlinks", ValueType.BOOLEAN)
          .defaultValue(false)
          .doc(
              "Whether a symbolic link that a glob matches is tailed. Even then, only when the"
                  + " file it leads to matches the same glob: a link planted in a log directory"
                  + " (x.log -> /etc/...) is never followed out of it.")
          .build();

  public static final ConfigKey<Integer> MAX_OPEN_FILES =
      ConfigKey.builder("maxOpenFiles", ValueType.INT)
          .defaultValue(256)
          .validator(Validator.atLeast(1))
          .doc(
              "Files the source keeps open at most (each with a 128 KiB read buffer). Beyond it a"
                  + " matched file waits, tracked but closed, until another is read to its end and"
                  + " idle; a file deleted while it waits is lost, so keep this above the number of"
                  + " files that are written to or rotated at once. A copytruncate's copy is opened"
                  + " even beyond it.")
          .build();

  public static final ConfigKey<Integer> RESCAN_MS =
      ConfigKey.builder("rescanIntervalMillis", ValueType.INT)
          .defaultValue(1000)
          .validator(Validator.atLeast(10))
          .doc(
              "How often the globs are matched again, to find new, renamed and deleted files."
                  + " Growth and truncation of known files are seen at every read.")
          .build();

  public static final ConfigKey<Long> IDLE_TIMEOUT_MS =
      ConfigKey.builder("idleTimeout", ValueType.LONG)
          .defaultValue(120_000L)
          .validator(Validator.atLeast(1L))
          .doc(
              "A file that has not grown for this long (ms) is closed until it grows again; an"
                  + " unterminated last line is then written as it is. A file renamed away or"
                  + " deleted is read to its end and forgotten once idle this long.")
          .build();

  public static final ConfigKey<Long> WRITE_POS_INTERVAL_MS =
      ConfigKey.builder("writePosInterval", ValueType.LONG)
          .defaultValue(0L)
          .validator(Validator.atLeast(0L))
          .doc(
              "Least time (ms) between two writes of the positions file. 0: written (in the"
                  + " background) as soon as a batch commits, so a crash re-reads at most the"
                  + " batches committed during the last write.")
          .build();

  public static final ConfigKey<Integer> FINGERPRINT_BYTES =
      ConfigKey.builder("fingerprintBytes", ValueType.INT)
          .defaultValue(512)
          .validator(Validator.between(16, 65536))
          .doc(
              "How many of a file's first bytes identify it, with its device and inode: a"
                  + " recycled inode or a file rewritten from the start has different first"
                  + " bytes.")
          .build();

  public static final ConfigKey<Long> BACKOFF_INCREMENT_MS =
      ConfigKey.builder("backoffSleepIncrement", ValueType.LONG)
          .defaultValue(100L)
          .validator(Validator.atLeast(1L))
          .doc(
              "When there is nothing to read or the channel is full, the source sleeps this"
                  + " long, then twice, ... up to maxBackoffSleep.")
          .build();

  public static final ConfigKey<Long> MAX_BACKOFF_MS =
      ConfigKey.builder("maxBackoffSleep", ValueType.LONG)
          .defaultValue(1000L)
          .validator(Validator.atLeast(1L))
          .doc("Longest sleep when idle or refused (ms): the most a new line waits when idle.")
          .build();

  public static final ConfigDef DEFINITION =
      ConfigDef.builder()
          .key(FILE_GROUPS)
          .prefix(GROUP_GLOBS)
          .prefix(GROUP_HEADERS)
          .key(POSITION_FILE)
          .key(TAILDIR_POSITION_FILE)
          .key(BATCH_SIZE)
          .key(BATCH_DURATION_MS)
          .key(SKIP_TO_END)
          .key(CHARSET)
          .key(MAX_LINE_BYTES)
          .key(TRUNCATED_HEADER)
          .key(MULTILINE_START)
          .key(MULTILINE_CONTINUATION)
          .key(MULTILINE_MAX_LINES)
          .key(MULTILINE_MAX_BYTES)
          .key(MULTILINE_FLUSH_MS)
          .key(FILE_HEADER)
          .key(FILE_HEADER_KEY)
          .key(OFFSET_HEADER)
          .key(OFFSET_HEADER_KEY)
          .key(LINE_ID_HEADER)
          .key(HOST_HEADER)
          .key(HOST_HEADER_KEY)
          .key(FOLLOW_SYMLINKS)
          .key(MAX_OPEN_FILES)
          .key(RESCAN_MS)
          .key(IDLE_TIMEOUT_MS)
          .key(WRITE_POS_INTERVAL_MS)
          .key(FINGERPRINT_BYTES)
          .key(BACKOFF_INCREMENT_MS)
          .key(MAX_BACKOFF_MS)
          .build();

  private final List<FileGroup> groups;
  private final Path positionFile;
  private final List<String> warnings;

  private TailSourceConfig(
      String sourceName, ParsedConfig values, List<FileGroup> groups, Path positionFile) {
    super("Tail source " + sourceName, values);
    this.groups = groups;
    this.positionFile = positionFile;
    List<String> all = new ArrayList<>(values.warnings());
    for (FileGroup g : groups) {
      regexLike(g.glob())
          .ifPresent(
              glob ->
                  all.add(
                      GROUP_GLOBS.prefix()
                          + g.name()
                          + " = '"
                          + g.glob()
                          + "' looks like a regular expression (Flume's TAILDIR source takes"
                          + " those); this source takes globs, such as '"
                          + glob
                          + "'"));
    }
    this.warnings = List.copyOf(all);
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The glob a TAILDIR-style regular expression most likely meant ({@code .*} for {@code *}, {@code
   * \.} for {@code .}), if {@code glob} has a construct only a regular expression has.
   */
  static java.util.Optional<String> regexLike(String glob) {
    String name = glob.substring(glob.lastIndexOf('/') + 1);
    if (!name.matches(".*(\\.\\*|\\\\[.dws]|\\^|\\$|\\+|\\(|\\||\\.\\+).*")) {
      return java.util.Optional.empty();
    }
    String meant =
        name.replace(".*", "*")
            .replace(".+", "?*")
            .replace("\\.", ".")
            .replace("^", "")
            .replace("$", "");
    return java.util.Optional.of(glob.substring(0, glob.length() - name.length()) + meant);
  }

  /**
   * @throws dev.flumekit.common.config.ConfigException naming every problem found
   */
  public static TailSourceConfig parse(String sourceName, Map<String, String> raw) {
    ConfigProblems problems = new ConfigProblems();
    ParsedConfig c = DEFINITION.parse(raw, problems);
    List<FileGroup> groups = new ArrayList<>();
    Map<String, String> globs = c.prefixed(GROUP_GLOBS);
    Map<String, String> headers = c.prefixed(GROUP_HEADERS);
    List<String> names = c.optional(FILE_GROUPS).orElse(List.of());
    for (String name : names) {
      String glob = globs.get(name);
      if (glob == null) {
        problems.add(
            GROUP_GLOBS.prefix()
                + name
                + ": required for group "
                + name
                + ", expected an absolute glob");
        continue;
      }
      Map<String, String> groupHeaders = new LinkedHashMap<>();
      headers.forEach(
          (k, v) -> {
            if (k.startsWith(name + ".") && k.length() > name.length() + 1) {
              groupHeaders.put(k.substring(name.length() + 1), v);
            }
          });
      try {
        groups.add(FileGroup.of(name, glob, groupHeaders));
      } catch (IllegalArgumentException e) {
        problems.invalid(
            GROUP_GLOBS.prefix() + name, glob, "an absolute glob such as /var/log/app/*.log");
      }
    }
    for (String key : globs.keySet()) {
      if (!names.contains(key)) {
        problems.add(
            GROUP_GLOBS.prefix()
                + key
                + ": group "
                + key
                + " is not listed in filegroups "
                + names);
      }
    }
    for (String key : headers.keySet()) {
      int dot = key.indexOf('.');
      if (dot <= 0 || !names.contains(key.substring(0, dot)) || dot == key.length() - 1) {
        problems.add(
            GROUP_HEADERS.prefix()
                + key
                + ": expected headers.<group>.<header> with a group listed in filegroups "
                + names);
      }
    }
    if (c.get(MULTILINE_START) != null && c.get(MULTILINE_CONTINUATION) != null) {
      problems.add("multiline.start, multiline.continuation: set one of them, not both");
    }
    if (c.get(MAX_BACKOFF_MS) < c.get(BACKOFF_INCREMENT_MS)) {
      problems.add(
          "maxBackoffSleep = '"
              + c.get(MAX_BACKOFF_MS)
              + "': expected at least backoffSleepIncrement ("
              + c.get(BACKOFF_INCREMENT_MS)
              + ")");
    }
    problems.throwIfAny("Tail source " + sourceName);
    String file = c.get(POSITION_FILE);
    Path positions =
        file == null
            ? Paths.get(
                System.getProperty("user.home"),
                ".flume",
                "flumekit-tail",
                sourceName + ".positions")
            : UserPaths.resolve(file);
    return new TailSourceConfig(sourceName, c, List.copyOf(groups), positions);
  }

  private static Charset asciiCompatible(String name) {
    Charset charset;
    try {
      charset = Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException(e);
    }
    String probe = "\n\r\t azAZ09-[]{}\"\\";
    if (!charset.canEncode()
        || !Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(name + " does not encode ASCII as itself");
    }
    return charset;
  }

  public List<FileGroup> groups() {
    return groups;
  }

  public Path positionFile() {
    return positionFile;
  }
}
