package dev.flumekit.source.tail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePreviewTest {
  @TempDir Path dir;

  private List<Map.Entry<Map<String, String>, byte[]>> read(byte[] content, String... keyValues)
      throws Exception {
    Path file = dir.resolve("access.log");
    Files.write(file, content);
    Map<String, String> p = new HashMap<>();
    p.put("filegroups", "other nginx");
    p.put("filegroups.other", "/nowhere/*.log");
    p.put("filegroups.nginx", dir + "/*.log");
    p.put("headers.nginx.log", "access");
    p.put("lineIdHeader", "lineId");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    TailSourceConfig config = TailSourceConfig.parse("tail", p);
    return FilePreview.events("tail", config, new TailSourceCounter("tail"), file);
  }

  @Test
  void aByteThatIsNotUtf8PassesAsTheSourcePassesItAndReadingGoesOn() throws Exception {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes("first\n".getBytes(StandardCharsets.UTF_8));
    content.writeBytes(new byte[] {'b', 'a', 'd', (byte) 0xff, '\n'});
    content.writeBytes("last, unterminated".getBytes(StandardCharsets.UTF_8));
    List<Map.Entry<Map<String, String>, byte[]>> events = read(content.toByteArray());
    assertEquals(3, events.size());
    assertArrayEquals(new byte[] {'b', 'a', 'd', (byte) 0xff}, events.get(1).getValue());
    assertEquals(
        "last, unterminated", new String(events.get(2).getValue(), StandardCharsets.UTF_8));
    // the group whose glob matches the file gives its headers; line ids are <file id>:<offset>
    assertEquals("access", events.get(1).getKey().get("log"));
    assertEquals(":6", events.get(1).getKey().get("lineId").substring(16));
  }

  @Test
  void aLineOverMaxLineBytesIsCutAndFlaggedAsTheSourceCutsIt() throws Exception {
    List<Map.Entry<Map<String, String>, byte[]>> events =
        read(
            ("short\n" + "x".repeat(40) + "\n").getBytes(StandardCharsets.UTF_8),
            "maxLineBytes",
            "16");
    assertEquals(2, events.size());
    assertNull(events.get(0).getKey().get("truncated"));
    assertEquals("x".repeat(16), new String(events.get(1).getValue(), StandardCharsets.UTF_8));
    assertEquals("true", events.get(1).getKey().get("truncated"));
  }

  @Test
  void continuationLinesJoinTheirEvent() throws Exception {
    List<Map.Entry<Map<String, String>, byte[]>> events =
        read(
            "Exception in main\n  at a.b(C.java:1)\n  at d.e(F.java:2)\nnext\n"
                .getBytes(StandardCharsets.UTF_8),
            "multiline.continuation",
            "^\\s+at ");
    assertEquals(2, events.size());
    assertEquals(
        "Exception in main\n  at a.b(C.java:1)\n  at d.e(F.java:2)",
        new String(events.get(0).getValue(), StandardCharsets.UTF_8));
  }
}
