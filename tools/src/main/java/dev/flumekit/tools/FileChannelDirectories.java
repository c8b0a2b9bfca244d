package dev.flumekit.tools;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Context;

/**
 * The directories Flume's file channel writes, by the key that names them, as the channel takes
 * them: its defaults under the agent user's home, a comma-separated list, a configured ~ not
 * expanded.
 */
final class FileChannelDirectories {
  /** The file channel's type, as its alias and as its class. */
  static final Set<String> TYPES = Set.of("file", "org.apache.flume.channel.file.FileChannel");

  private FileChannelDirectories() {}

  /**
   * @param home the agent user's home, where the channel's defaults are
   */
  static Map<String, List<Path>> of(Context context, String home) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(
        "checkpointDir", Paths.get(home, ".flume", "file-channel", "checkpoint").toString());
    defaults.put("dataDirs", Paths.get(home, ".flume", "file-channel", "data").toString());
    defaults.put("backupCheckpointDir", "");
    Map<String, List<Path>> directories = new LinkedHashMap<>();
    for (Map.Entry<String, String> key : defaults.entrySet()) {
      String dirs = context.getString(key.getKey(), key.getValue());
      if (dirs.isBlank()) {
        continue;
      }
      List<Path> paths = new ArrayList<>();
      for (String dir : dirs.split(",")) {
        paths.add(Paths.get(dir.trim()));
      }
      directories.put(key.getKey(), paths);
    }
    return directories;
  }
}
