package dev.flumekit.common.deadletter;

/**
 * How large one dead-letter file may grow before the next is started, and how many days files are
 * kept.
 *
 * @param maxFileBytes a file that reached this size is closed and {@code <name>-<day>.<n>.jsonl}
 *     started
 * @param retentionDays files last written more than this many days ago are deleted; 0 keeps them
 */
public record FileLimits(long maxFileBytes, int retentionDays) {
  public static final FileLimits DEFAULT = new FileLimits(64L << 20, 0);
}
