package dev.flumekit.interceptor;

import dev.flumekit.common.bytes.ByteScan;
import dev.flumekit.interceptor.AccessLogFormat.Field;
import dev.flumekit.interceptor.AccessLogFormat.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one access-log line into headers by scanning its bytes once against a compiled {@link
 * AccessLogFormat}: no regex, no intermediate strings, and per-thread caches for what repeats from
 * line to line (user agents, referers, statuses, methods, protocols, the day of the timestamp).
 */
final class AccessLogParser {
  private final AccessLogFormat format;

  /** Header name per field, prefixed, or null where the field is not wanted. */
  private final String[] headers;

  private final String method;
  private final String path;
  private final String query;
  private final String protocol;
  private final String request;
  private final String timestamp;
  private final List<PathTemplate> pathTemplates;
  private final int maxLineLength;
  private final ThreadLocal<Scratch> scratch;

  /**
   * @param wanted header names (before the prefix) to produce; null for all
   */
  AccessLogParser(
      AccessLogFormat format,
      Set<String> wanted,
      String prefix,
      String timestampHeader,
      List<PathTemplate> pathTemplates,
      int maxLineLength) {
    this.format = format;
    this.headers = new String[format.fieldCount()];
    for (int i = 0; i < headers.length; i++) {
      Field f = format.field(i);
      if (f.header() != null) {
        headers[i] = name(f.header(), wanted, prefix);
      }
    }
    this.method = name("method", wanted, prefix);
    this.path = name("path", wanted, prefix);
    this.query = name("query", wanted, prefix);
    this.protocol = name("protocol", wanted, prefix);
    this.request = name("request", wanted, prefix);
    this.timestamp = timestampHeader;
    this.pathTemplates = List.copyOf(pathTemplates);
    this.maxLineLength = maxLineLength;
    this.scratch = ThreadLocal.withInitial(Scratch::new);
  }

  private static String name(String header, Set<String> wanted, String prefix) {
    return wanted == null || wanted.contains(header) ? prefix + header : null;
  }

  /**
   * Adds the line's headers to {@code headers} and returns null; or returns why the line is not of
   * the format and leaves {@code headers} as they were.
   */
  String parse(byte[] line, Map<String, String> headers) {
    Scratch cache = scratch.get();
    Writes out = cache.writes.start(headers);
    String problem = parse(line, out, cache);
    if (problem != null) {
      out.undo();
    }
    out.finish();
    return problem;
  }

  private String parse(byte[] line, Writes out, Scratch cache) {
    int end = line.length;
    if (end > maxLineLength) {
      return "line of " + end + " bytes is longer than maxLineLength " + maxLineLength;
    }
    while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
      end--;
    }
    int pos = 0;
    int fields = format.fieldCount();
    for (int i = 0; i < fields; i++) {
      byte[] before = format.literal(i);
      if (!startsWith(line, pos, end, before)) {
        if (i >= format.optionalFrom() && endsWithin(line, pos, end, before)) {
          return null;
        }
        return expected(before, i, pos, end);
      }
      pos += before.length;
      Field field = format.field(i);
      byte[] after = format.literal(i + 1);
      int valueEnd = valueEnd(line, pos, end, after, field, i + 1 == fields);
      if (valueEnd < 0) {
        return "unterminated quoted $" + field.variable() + " at byte " + pos;
      }
      String problem = emit(field, i, line, pos, valueEnd, out, cache);
      if (problem != null) {
        return problem;
      }
      pos = valueEnd;
    }
    byte[] tail = format.literal(fields);
    if (!startsWith(line, pos, end, tail)) {
      return expected(tail, fields, pos, end);
    }
    return null;
  }

  private String expected(byte[] literal, int index, int pos, int end) {
    String where = index == 0 ? "at the start" : "after $" + format.field(index - 1).variable();
    String found = pos >= end ? "the line ends" : "found byte " + pos;
    return "expected \""
        + new String(literal, StandardCharsets.UTF_8)
        + "\" "
        + where
        + " but "
        + found;
  }

  /**
   * True if the line ends inside (or right before) {@code literal}: the fields after are absent.
   */
  private static boolean endsWithin(byte[] line, int pos, int end, byte[] literal) {
    if (end - pos >= literal.length) {
      return false;
    }
    for (int i = pos; i < end; i++) {
      if (line[i] != literal[i - pos]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] line, int pos, int end, byte[] literal) {
    if (end - pos < literal.length) {
      return false;
    }
    for (int i = 0; i < literal.length; i++) {
      if (line[pos + i] != literal[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where a value starting at {@code pos} ends: before the next separator, or, for a quoted value,
   * at the closing quote that the rest of the separator follows (so that an unescaped quote inside
   * a user agent does not end it early; the last field's quote is closing before a space, so that
   * fields appended to a known format are ignored). -1 if a quoted value is never closed.
   */
  private static int valueEnd(
      byte[] line, int pos, int end, byte[] after, Field field, boolean last) {
    if (after.length == 0) {
      // A format ending in a variable: text runs to the end of the line, but a number or time ends
      // at a space, so that fields appended after it are ignored.
      return field.kind() == Kind.TEXT || field.kind() == Kind.REQUEST
          ? end
          : ByteScan.indexOfEither(line, pos, end, (byte) ' ', (byte) ' ');
    }
    byte stop = after[0];
    if (!field.quoted()) {
      return ByteScan.indexOfEither(line, pos, end, stop, stop);
    }
    int i = pos;
    while (true) {
      i = ByteScan.indexOfEither(line, i, end, (byte) '"', (byte) '\\');
      if (i >= end) {
        break;
      }
      if (line[i] == '\\') {
        i += 2;
      } else if (i + 1 == end || (last ? line[i + 1] == ' ' : startsWith(line, i, end, after))) {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }

  private String emit(
      Field field, int index, byte[] line, int from, int to, Writes out, Scratch cache) {
    boolean dash = to - from == 1 && line[from] == '-';
    switch (field.kind()) {
      case TIME_LOCAL:
        return time(line, from, to, out, cache, false);
      case TIME_ISO8601:
        return time(line, from, to, out, cache, true);
      case REQUEST:
        if (!dash) {
          request(line, from, to, out, cache);
        }
        return null;
      case NUMBER:
      case NUMBER_OR_DASH:
        if (dash && field.kind() == Kind.NUMBER_OR_DASH) {
          return null;
        }
        if (to == from || !allDigits(line, from, to)) {
          return "$"
              + field.variable()
              + " is not a number: '"
              + new String(line, from, Math.min(to - from, 64), StandardCharsets.UTF_8)
              + "'";
        }
        break;
      default:
        if (dash || to == from) {
          return null;
        }
    }
    String header = headers[index];
    if (header != null) {
      out.put(header, cache.string(field, line, from, to));
    }
    return null;
  }

  private static boolean allDigits(byte[] line, int from, int to) {
    for (int i = from; i < to; i++) {
      if (line[i] < '0' || line[i] > '9') {
        return false;
      }
    }
    return true;
  }

  private void request(byte[] line, int from, int to, Writes out, Scratch cache) {
    int firstSpace = ByteScan.indexOfEither(line, from, to, (byte) ' ', (byte) ' ');
    int lastSpace = to - 1;
    while (lastSpace > firstSpace && line[lastSpace] != ' ') {
      lastSpace--;
    }
    if (firstSpace <= from || firstSpace == to) {
      if (request != null) {
        out.put(request, new String(line, from, to - from, StandardCharsets.UTF_8));
      }
      return;
    }
    int uriEnd = to;
    if (lastSpace > firstSpace && startsWithHttp(line, lastSpace + 1, to)) {
      uriEnd = lastSpace;
      if (protocol != null) {
        out.put(protocol, cache.requestPart(line, lastSpace + 1, to));
      }
    }
    if (method != null) {
      out.put(method, cache.requestPart(line, from, firstSpace));
    }
    int uriStart = firstSpace + 1;
    int question = ByteScan.indexOfEither(line, uriStart, uriEnd, (byte) '?', (byte) '?');
    if (question == uriEnd) {
      question = -1;
    }
    int pathEnd = question < 0 ? uriEnd : question;
    String pathValue = new String(line, uriStart, pathEnd - uriStart, StandardCharsets.UTF_8);
    if (path != null) {
      out.put(path, pathValue);
    }
    if (question >= 0 && query != null && uriEnd > question + 1) {
      out.put(query, new String(line, question + 1, uriEnd - question - 1, StandardCharsets.UTF_8));
    }
    for (PathTemplate template : pathTemplates) {
      String[] captures = template.match(pathValue);
      if (captures != null) {
        for (int i = 0; i < captures.length; i++) {
          out.put(template.captureName(i), captures[i]);
        }
        break;
      }
    }
  }

  private static boolean startsWithHttp(byte[] line, int from, int to) {
    return to - from >= 5
        && (line[from] | 0x20) == 'h'
        && (line[from + 1] | 0x20) == 't'
        && (line[from + 2] | 0x20) == 't'
        && (line[from + 3] | 0x20) == 'p'
        && line[from + 4] == '/';
  }

  private String time(byte[] line, int from, int to, Writes out, Scratch cache, boolean iso) {
    if (timestamp == null) {
      return null;
    }
    String millis = cache.lastTime(line, from, to);
    if (millis == null) {
      long value = iso ? isoMillis(line, from, to) : localMillis(line, from, to, cache);
      if (value == Long.MIN_VALUE) {
        return (iso ? "$time_iso8601" : "$time_local")
            + " is not a valid time: '"
            + new String(line, from, Math.min(to - from, 64), StandardCharsets.UTF_8)
            + "'";
      }
      millis = cache.rememberTime(line, from, to, value);
    }
    out.put(timestamp, millis);
    return null;
  }

  /** {@code 10/Oct/2000:13:55:36 -0700} (English month names, whatever the JVM's locale). */
  private static long localMillis(byte[] b, int from, int to, Scratch cache) {
    if (to - from != 26
        || b[from + 2] != '/'
        || b[from + 6] != '/'
        || b[from + 11] != ':'
        || b[from + 14] != ':'
        || b[from + 17] != ':'
        || b[from + 20] != ' ') {
      return Long.MIN_VALUE;
    }
    int hour = CivilTime.digits(b, from + 12, 2);
    int minute = CivilTime.digits(b, from + 15, 2);
    int second = CivilTime.digits(b, from + 18, 2);
    if (hour < 0 || minute < 0 || second < 0 || hour > 23 || minute > 59 || second > 60) {
      return Long.MIN_VALUE;
    }
    long withinDay = (hour * 3600L + minute * 60L + Math.min(second, 59)) * 1000;
    if (cache.sameDay(b, from)) {
      return cache.dayStart + withinDay;
    }
    int day = CivilTime.digits(b, from, 2);
    int month = CivilTime.month(b[from + 3], b[from + 4], b[from + 5]);
    int year = CivilTime.digits(b, from + 7, 4);
    int offset = offsetSeconds(b, from + 21, false);
    if (day < 0 || month == 0 || year < 0 || offset == Integer.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    long millis = CivilTime.epochMillis(year, month, day, hour, minute, second, offset);
    if (millis != Long.MIN_VALUE) {
      cache.rememberDay(b, from, millis - withinDay);
    }
    return millis;
  }

  /** {@code 2000-10-10T13:55:36-07:00} or with {@code Z}, as nginx's $time_iso8601 writes. */
  private static long isoMillis(byte[] b, int from, int to) {
    int length = to - from;
    if ((length != 25 && length != 20)
        || b[from + 4] != '-'
        || b[from + 7] != '-'
        || (b[from + 10] != 'T' && b[from + 10] != ' ')
        || b[from + 13] != ':'
        || b[from + 16] != ':') {
      return Long.MIN_VALUE;
    }
    int year = CivilTime.digits(b, from, 4);
    int month = CivilTime.digits(b, from + 5, 2);
    int day = CivilTime.digits(b, from + 8, 2);
    int hour = CivilTime.digits(b, from + 11, 2);
    int minute = CivilTime.digits(b, from + 14, 2);
    int second = CivilTime.digits(b, from + 17, 2);
    int offset;
    if (length == 20) {
      offset = b[from + 19] == 'Z' ? 0 : Integer.MIN_VALUE;
    } else {
      offset = offsetSeconds(b, from + 19, true);
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return Long.MIN_VALUE;
    }
    if (offset == Integer.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    return CivilTime.epochMillis(year, month, day, hour, minute, second, offset);
  }

  /** {@code +0800} or, with a colon, {@code +08:00}; Integer.MIN_VALUE if malformed. */
  private static int offsetSeconds(byte[] b, int at, boolean colon) {
    byte sign = b[at];
    if (sign != '+' && sign != '-') {
      return Integer.MIN_VALUE;
    }
    int hours = CivilTime.digits(b, at + 1, 2);
    if (colon && b[at + 3] != ':') {
      return Integer.MIN_VALUE;
    }
    int minutes = CivilTime.digits(b, at + (colon ? 4 : 3), 2);
    if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** Header writes of one line, undone if the line turns out not to parse. */
  private static final class Writes {
    private Map<String, String> headers;
    private String[] names = new String[16];
    private String[] previous = new String[16];
    private int count;

    Writes start(Map<String, String> target) {
      headers = target;
      count = 0;
      return this;
    }

    void put(String name, String value) {
      if (count == names.length) {
        names = Arrays.copyOf(names, count * 2);
        previous = Arrays.copyOf(previous, count * 2);
      }
      names[count] = name;
      previous[count] = headers.put(name, value);
      count++;
    }

    void finish() {
      headers = null;
    }

    void undo() {
      for (int i = count - 1; i >= 0; i--) {
        if (previous[i] == null) {
          headers.remove(names[i]);
        } else {
          headers.put(names[i], previous[i]);
        }
      }
      count = 0;
    }
  }

  /** One thread's memory of the values it decoded recently. */
  private static final class Scratch {
    private final Writes writes = new Writes();
    private final ValueCache repeating = new ValueCache();
    private final ValueCache requestParts = new ValueCache();
    private final byte[] timeBytes = new byte[32];
    private int timeLength = -1;
    private String timeString;

    String string(Field field, byte[] line, int from, int to) {
      return field.repeats()
          ? repeating.decode(line, from, to)
          : new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    /** A method or protocol of a request line: few distinct values, decoded once each. */
    String requestPart(byte[] line, int from, int to) {
      return requestParts.decode(line, from, to);
    }

    /** {@code dd/MMM/yyyy} and the zone of the last $time_local, and where that day starts. */
    private final byte[] dayKey = new byte[17];

    private boolean dayKnown;
    private long dayStart;

    boolean sameDay(byte[] line, int from) {
      return dayKnown
          && Arrays.equals(dayKey, 0, 11, line, from, from + 11)
          && Arrays.equals(dayKey, 11, 17, line, from + 20, from + 26);
    }

    void rememberDay(byte[] line, int from, long start) {
      System.arraycopy(line, from, dayKey, 0, 11);
      System.arraycopy(line, from + 20, dayKey, 11, 6);
      dayStart = start;
      dayKnown = true;
    }

    String lastTime(byte[] line, int from, int to) {
      return to - from == timeLength && Arrays.equals(timeBytes, 0, timeLength, line, from, to)
          ? timeString
          : null;
    }

    String rememberTime(byte[] line, int from, int to, long millis) {
      timeString = Long.toString(millis);
      timeLength = -1;
      if (to - from <= timeBytes.length) {
        System.arraycopy(line, from, timeBytes, 0, to - from);
        timeLength = to - from;
      }
      return timeString;
    }
  }
}
