package dev.flumekit.common.files;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A configured path as the agent uses it: {@code ~} and {@code ~/x} under the home of the user the
 * agent runs as, any other path as given. One place, so that a component and {@code check} read a
 * path the same way whatever directory they were started from.
 */
public final class UserPaths {
  private UserPaths() {}

  public static Path resolve(String path) {
    return path.equals("~") || path.startsWith("~/")
        ? Paths.get(System.getProperty("user.home"), path.substring(1))
        : Paths.get(path);
  }
}
