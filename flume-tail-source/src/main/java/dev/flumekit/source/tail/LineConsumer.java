package dev.flumekit.source.tail;

/** Receives the lines a {@link LineSplitter} finds. */
interface LineConsumer {
  /**
   * One line without its terminator, valid only during the call: {@code bytes} is reused.
   *
   * @param start file offset of the line's first byte
   * @param end file offset after the line's terminator (where the next line starts)
   * @param truncated the line was longer than the limit and only its beginning is given
   * @return whether to go on with the next line
   */
  boolean line(byte[] bytes, int offset, int length, long start, long end, boolean truncated);
}
