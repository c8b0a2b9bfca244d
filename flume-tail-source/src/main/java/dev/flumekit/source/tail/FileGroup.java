package dev.flumekit.source.tail;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Files named by one absolute glob ({@code /var/log/nginx/*.log}, {@code /srv/app-?/logs/**.log})
 * and the headers their events carry. The glob's directory part up to its first wildcard is where
 * the search starts; {@code **} searches every level below it.
 */
final class FileGroup {
  private final String name;
  private final String glob;
  private final Map<String, String> headers;
  private final Path base;
  private final int depth;
  private final PathMatcher matcher;

  private FileGroup(String name, String glob, Map<String, String> headers) {
    this.name = name;
    this.glob = glob;
    this.headers = Map.copyOf(headers);
    Path pattern = Paths.get(glob);
    int firstWild = pattern.getNameCount();
    for (int i = 0; i < pattern.getNameCount(); i++) {
      if (hasWildcard(pattern.getName(i).toString())) {
        firstWild = i;
        break;
      }
    }
    // a glob without wildcards names one file: search its directory
    int baseCount = Math.min(firstWild, pattern.getNameCount() - 1);
    this.base =
        baseCount == 0
            ? pattern.getRoot()
            : pattern.getRoot().resolve(pattern.subpath(0, baseCount));
    this.depth = glob.contains("**") ? Integer.MAX_VALUE : pattern.getNameCount() - baseCount;
    this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
  }

  /**
   * @throws IllegalArgumentException if {@code glob} is not an absolute glob
   */
  static FileGroup of(String name, String glob, Map<String, String> headers) {
    Path pattern;
    try {
      pattern = Paths.get(glob);
      FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!pattern.isAbsolute() || pattern.getNameCount() == 0) {
      throw new IllegalArgumentException("not an absolute path");
    }
    return new FileGroup(name, glob, headers);
  }

  private static boolean hasWildcard(String part) {
    return part.indexOf('*') >= 0
        || part.indexOf('?') >= 0
        || part.indexOf('[') >= 0
        || part.indexOf('{') >= 0;
  }

  String name() {
    return name;
  }

  String glob() {
    return glob;
  }

  Map<String, String> headers() {
    return headers;
  }

  private boolean leadsIntoGlob(Path link) {
    try {
      Path target = link.toRealPath();
      return FileKey.isRegularFile(target) && matcher.matches(target);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code path} is one of this group's files by name. */
  boolean matches(Path path) {
    return matcher.matches(path);
  }

  /**
   * The regular files that match now, in name order. A symbolic link is taken only with {@code
   * followLinks}, and then only when the file it leads to matches this group's glob too: a link
   * planted in a log directory must not ship whatever it points at.
   */
  List<Path> find(boolean followLinks) throws IOException {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          base,
          EnumSet.noneOf(FileVisitOption.class),
          depth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (matcher.matches(file)
                  && (attrs.isRegularFile()
                      || (followLinks && attrs.isSymbolicLink() && leadsIntoGlob(file)))) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // vanished or unreadable while listing: the next scan sees it again
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      return List.of();
    }
    found.sort(null);
    return found;
  }
}
