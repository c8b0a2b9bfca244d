package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * A file's identity on its file system, device and inode, which survives a rename. An inode is
 * reused once its file is deleted, so the tail source pairs it with a {@link Fingerprint}.
 */
record FileKey(long device, long inode) {
  /** The key, size and modification time of the file {@code path} names (links followed). */
  static Stat stat(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime");
    return new Stat(
        new FileKey(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue()),
        ((Number) a.get("size")).longValue(),
        ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis());
  }

  /** Whether {@code path} is a regular file (links followed). */
  static boolean isRegularFile(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).isRegularFile();
    } catch (IOException e) {
      return false;
    }
  }

  record Stat(FileKey key, long size, long modifiedMillis) {}

  @Override
  public String toString() {
    return device + ":" + inode;
  }
}
