package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  record Line(String text, long start, long end, boolean truncated) {}

  private static final class Collector implements LineConsumer {
    final List<Line> lines = new ArrayList<>();
    int stopAfter = Integer.MAX_VALUE;

    @Override
    public boolean line(byte[] b, int off, int len, long start, long end, boolean truncated) {
      lines.add(new Line(new String(b, off, len, StandardCharsets.UTF_8), start, end, truncated));
      return lines.size() < stopAfter;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void splitsAtNewlinesWithOffsetsAndDropsCarriageReturns() {
    Collector out = new Collector();
    LineSplitter splitter = new LineSplitter(100);
    byte[] chunk = bytes("one\ntwo\r\n\nthree");
    assertEquals(chunk.length, splitter.split(chunk, 0, chunk.length, 1000, out));
    assertEquals(
        List.of(
            new Line("one", 1000, 1004, false),
            new Line("two", 1004, 1009, false),
            new Line("", 1009, 1010, false)),
        out.lines);
    assertTrue(splitter.hasPartial());
    byte[] rest = bytes("-and-more\nfour\n");
    splitter.split(rest, 0, rest.length, 1015, out);
    assertEquals(new Line("three-and-more", 1010, 1025, false), out.lines.get(3));
    assertEquals(new Line("four", 1025, 1030, false), out.lines.get(4));
    assertFalse(splitter.hasPartial());
  }

  @Test
  void stopsWhenTheConsumerDeclinesAndResumesAfterTheLastLineTaken() {
    Collector out = new Collector();
    out.stopAfter = 2;
    LineSplitter splitter = new LineSplitter(100);
    byte[] chunk = bytes("a\nb\nc\nd\n");
    int consumed = splitter.split(chunk, 0, chunk.length, 0, out);
    assertEquals(4, consumed);
    out.stopAfter = Integer.MAX_VALUE;
    splitter.split(chunk, consumed, chunk.length, 0, out);
    assertEquals(List.of("a", "b", "c", "d"), out.lines.stream().map(Line::text).toList());
    assertEquals(6, out.lines.get(3).start());
  }

  @Test
  void anOverlongLineKeepsItsBeginningAndIsFlagged() {
    Collector out = new Collector();
    LineSplitter splitter = new LineSplitter(16);
    String longLine = "x".repeat(40);
    byte[] chunk = bytes(longLine + "\nshort\n" + "y".repeat(16) + "\r\n");
    splitter.split(chunk, 0, chunk.length, 0, out);
    assertEquals(new Line("x".repeat(16), 0, 41, true), out.lines.get(0));
    assertEquals(new Line("short", 41, 47, false), out.lines.get(1));
    assertEquals(new Line("y".repeat(16), 47, 65, false), out.lines.get(2));
  }

  @Test
  void anOverlongLineAcrossChunksIsCutTheSameWay() {
    Collector out = new Collector();
    LineSplitter splitter = new LineSplitter(16);
    for (int i = 0; i < 10; i++) {
      byte[] part = bytes("z".repeat(10));
      splitter.split(part, 0, part.length, i * 10L, out);
    }
    byte[] end = bytes("\n");
    splitter.split(end, 0, 1, 100, out);
    assertEquals(List.of(new Line("z".repeat(16), 0, 101, true)), out.lines);
  }

  @Test
  void anUnterminatedLineIsHandedOnlyWhenFlushed() {
    Collector out = new Collector();
    LineSplitter splitter = new LineSplitter(100);
    byte[] chunk = bytes("last line without newline");
    splitter.split(chunk, 0, chunk.length, 0, out);
    assertTrue(out.lines.isEmpty());
    splitter.flushPartial(chunk.length, out);
    assertEquals(List.of(new Line("last line without newline", 0, 25, false)), out.lines);
    assertFalse(splitter.hasPartial());
  }

  @Test
  void anyChunkingGivesTheSameLines() {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      text.append("line ").append(i).append(" ").append("é".repeat(random.nextInt(30)));
      text.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
    }
    byte[] all = bytes(text.toString());
    Collector whole = new Collector();
    new LineSplitter(40).split(all, 0, all.length, 0, whole);
    for (int round = 0; round < 20; round++) {
      Collector pieces = new Collector();
      LineSplitter splitter = new LineSplitter(40);
      int at = 0;
      while (at < all.length) {
        int n = Math.min(all.length - at, 1 + random.nextInt(200));
        byte[] piece = new byte[n];
        System.arraycopy(all, at, piece, 0, n);
        splitter.split(piece, 0, n, at, pieces);
        at += n;
      }
      assertEquals(whole.lines, pieces.lines);
    }
    assertEquals(2000, whole.lines.size());
  }
}
