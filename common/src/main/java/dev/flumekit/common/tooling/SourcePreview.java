package dev.flumekit.common.tooling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A source that can say, without starting, what events it would make of a file: {@code
 * bin/flumekit-agent test} reads its sample lines through it, so that they are decoded, limited and
 * given headers by the source's own code. Like everything in this package, loaded from the agent's
 * class path, and in JDK types only.
 */
public interface SourcePreview {
  /**
   * The events the source would make of {@code file} read from its first byte to its end, in order,
   * before its interceptors: each its headers and body.
   */
  List<Map.Entry<Map<String, String>, byte[]>> events(Path file) throws IOException;
}
