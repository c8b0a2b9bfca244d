package dev.flumekit.interceptor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Pulls the values at selected dot paths ({@code user.id}, {@code items.0.sku}) out of a JSON
 * document in one pass, descending only into the objects and arrays on a wanted path and skipping
 * the rest without building them. Strings are unescaped; numbers, booleans, objects and arrays are
 * kept as their JSON text; null is absent. Malformed input is reported, never thrown.
 */
final class JsonFieldExtractor {
  /** One step of the wanted paths: its children, and the header its value goes to, if any. */
  private static final class Node {
    final String segment;
    final byte[] segmentBytes;
    final List<Node> children = new ArrayList<>();
    String header;

    Node(String segment) {
      this.segment = segment;
      this.segmentBytes = segment.getBytes(StandardCharsets.UTF_8);
    }

    Node child(String name) {
      for (Node c : children) {
        if (c.segment.equals(name)) {
          return c;
        }
      }
      Node c = new Node(name);
      children.add(c);
      return c;
    }
  }

  /** Why the document is not JSON; thrown inside the scan only, never out of this class. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final Node root = new Node("");

  /**
   * @param paths header name → dot path
   * @throws IllegalArgumentException if a path has an empty segment
   */
  JsonFieldExtractor(Map<String, String> paths) {
    for (Map.Entry<String, String> e : paths.entrySet()) {
      Node node = root;
      for (String segment : e.getValue().split("\\.", -1)) {
        if (segment.isEmpty()) {
          throw new IllegalArgumentException("empty segment in path " + e.getValue());
        }
        node = node.child(segment);
      }
      node.header = e.getKey();
    }
  }

  /** Puts the wanted values into {@code out}; returns null, or why the body is not JSON. */
  String extract(byte[] json, Map<String, String> out) {
    Scan scan = new Scan(json, out);
    try {
      scan.skipWhitespace();
      if (scan.pos < json.length && (json[scan.pos] & 0xff) == 0xEF) {
        scan.pos += 3; // UTF-8 byte order mark
        scan.skipWhitespace();
      }
      if (scan.pos >= json.length) {
        return "empty body is not JSON";
      }
      scan.value(root);
      scan.skipWhitespace();
      if (scan.pos < json.length) {
        return "invalid JSON: text after the document at byte " + scan.pos;
      }
      return null;
    } catch (Malformed e) {
      return "invalid JSON: " + e.getMessage();
    }
  }

  /** One document's scan state. */
  private static final class Scan {
    final byte[] b;
    final Map<String, String> out;
    int pos;

    Scan(byte[] b, Map<String, String> out) {
      this.b = b;
      this.out = out;
    }

    void value(Node node) {
      skipWhitespace();
      int start = pos;
      if (node.children.isEmpty() || pos >= b.length) {
        capture(node, start);
        return;
      }
      byte c = b[pos];
      if (c == '{') {
        object(node);
      } else if (c == '[') {
        array(node);
      } else {
        skipValue();
      }
      if (node.header != null) {
        out.put(node.header, new String(b, start, pos - start, StandardCharsets.UTF_8));
      }
    }

    private void capture(Node node, int start) {
      if (node.header == null) {
        skipValue();
        return;
      }
      if (pos < b.length && b[pos] == '"') {
        out.put(node.header, string());
        return;
      }
      skipValue();
      String text = new String(b, start, pos - start, StandardCharsets.UTF_8);
      if (!text.equals("null")) {
        out.put(node.header, text);
      }
    }

    private void object(Node node) {
      pos++;
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw new Malformed("expected a member name at byte " + pos);
        }
        Node child = member(node);
        skipWhitespace();
        expect(':');
        if (child == null) {
          skipWhitespace();
          skipValue();
        } else {
          value(child);
        }
        skipWhitespace();
        byte c = next();
        if (c == '}') {
          return;
        }
        if (c != ',') {
          throw new Malformed("expected , or } at byte " + (pos - 1));
        }
      }
    }

    private void array(Node node) {
      pos++;
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return;
      }
      for (int index = 0; ; index++) {
        Node child = null;
        for (Node c : node.children) {
          if (c.segment.equals(Integer.toString(index))) {
            child = c;
          }
        }
        if (child == null) {
          skipWhitespace();
          skipValue();
        } else {
          value(child);
        }
        skipWhitespace();
        byte c = next();
        if (c == ']') {
          return;
        }
        if (c != ',') {
          throw new Malformed("expected , or ] at byte " + (pos - 1));
        }
      }
    }

    /** Reads a member name; returns the wanted child it names, or null. */
    private Node member(Node node) {
      int start = pos + 1;
      int end = start;
      boolean escaped = false;
      while (end < b.length && b[end] != '"') {
        if (b[end] == '\\') {
          escaped = true;
          end++;
        }
        end++;
      }
      if (end >= b.length) {
        throw new Malformed("unterminated member name at byte " + pos);
      }
      if (escaped) {
        String name = string();
        for (Node c : node.children) {
          if (c.segment.equals(name)) {
            return c;
          }
        }
        return null;
      }
      pos = end + 1;
      for (Node c : node.children) {
        byte[] s = c.segmentBytes;
        if (s.length == end - start && Arrays.equals(s, 0, s.length, b, start, end)) {
          return c;
        }
      }
      return null;
    }

    /** Reads a string at pos (which is a quote), unescaping it. */
    private String string() {
      int start = ++pos;
      while (pos < b.length && b[pos] != '"' && b[pos] != '\\') {
        pos++;
      }
      if (pos < b.length && b[pos] == '"') {
        return new String(b, start, pos++ - start, StandardCharsets.UTF_8);
      }
      StringBuilder s =
          new StringBuilder(new String(b, start, pos - start, StandardCharsets.UTF_8));
      int runStart = pos;
      while (true) {
        if (pos >= b.length) {
          throw new Malformed("unterminated string starting at byte " + (start - 1));
        }
        byte c = b[pos];
        if (c == '"') {
          s.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
          pos++;
          return s.toString();
        }
        if (c != '\\') {
          pos++;
          continue;
        }
        s.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
        if (pos + 1 >= b.length) {
          throw new Malformed("unterminated escape at byte " + pos);
        }
        byte e = b[pos + 1];
        pos += 2;
        switch (e) {
          case '"' -> s.append('"');
          case '\\' -> s.append('\\');
          case '/' -> s.append('/');
          case 'b' -> s.append('\b');
          case 'f' -> s.append('\f');
          case 'n' -> s.append('\n');
          case 'r' -> s.append('\r');
          case 't' -> s.append('\t');
          case 'u' -> s.append(hex4());
          default -> throw new Malformed("bad escape \\" + (char) e + " at byte " + (pos - 2));
        }
        runStart = pos;
      }
    }

    private char hex4() {
      if (pos + 4 > b.length) {
        throw new Malformed("short \\u escape at byte " + (pos - 2));
      }
      int value = 0;
      for (int i = 0; i < 4; i++) {
        int d = Character.digit(b[pos + i], 16);
        if (d < 0) {
          throw new Malformed("bad \\u escape at byte " + (pos - 2));
        }
        value = value * 16 + d;
      }
      pos += 4;
      return (char) value;
    }

    /** Skips one value of any kind without recursion, so that deep nesting cannot overflow. */
    private void skipValue() {
      int depth = 0;
      do {
        skipWhitespace();
        byte c = next();
        switch (c) {
          case '{', '[' -> depth++;
          case '}', ']' -> {
            if (depth == 0) {
              throw new Malformed("unexpected " + (char) c + " at byte " + (pos - 1));
            }
            depth--;
          }
          case '"' -> {
            pos--;
            skipString();
          }
          case ',', ':' -> {
            if (depth == 0) {
              throw new Malformed("unexpected " + (char) c + " at byte " + (pos - 1));
            }
          }
          default -> {
            if (!isScalarByte(c)) {
              throw new Malformed("unexpected byte " + (c & 0xff) + " at byte " + (pos - 1));
            }
            while (pos < b.length && isScalarByte(b[pos])) {
              pos++;
            }
          }
        }
      } while (depth > 0);
    }

    private void skipString() {
      int start = pos++;
      while (pos < b.length) {
        byte c = b[pos++];
        if (c == '\\') {
          pos++;
        } else if (c == '"') {
          return;
        }
      }
      throw new Malformed("unterminated string starting at byte " + start);
    }

    private static boolean isScalarByte(byte c) {
      return (c >= '0' && c <= '9')
          || (c >= 'a' && c <= 'z')
          || c == '-'
          || c == '+'
          || c == '.'
          || c == 'E';
    }

    void skipWhitespace() {
      while (pos < b.length) {
        byte c = b[pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        pos++;
      }
    }

    private byte peek() {
      if (pos >= b.length) {
        throw new Malformed("document ends at byte " + pos);
      }
      return b[pos];
    }

    private byte next() {
      byte c = peek();
      pos++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw new Malformed("expected " + c + " at byte " + (pos - 1));
      }
    }
  }
}
