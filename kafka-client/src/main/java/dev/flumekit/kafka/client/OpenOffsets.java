package dev.flumekit.kafka.client;

import java.util.Arrays;

/**
 * The offsets of one partition polled and not handed on yet: a sorted array with a mark per offset
 * handed on, because records are polled in ascending order and mostly handed on in it. The tree set
 * it replaces boxed and balanced every record twice, which a profile of the Kafka source put among
 * its costliest per-record steps. An offset added out of order (held again after a failed commit)
 * is inserted in place; the marks of offsets handed on are dropped as the first open one moves past
 * them. Not thread-safe.
 */
final class OpenOffsets {
  private long[] offsets = new long[64];
  private boolean[] handedOn = new boolean[64];

  /** Entries from {@code head} to {@code size} are kept; those before head were handed on. */
  private int head;

  private int size;

  /** Entries from head to size not handed on. */
  private int open;

  /** The offset after the last record polled, or -1 before the first poll. */
  private long polledUpTo = -1;

  /** A record was polled: its offset is open, and polling has come past it. */
  void polled(long offset) {
    add(offset);
    polledUpTo = offset + 1;
  }

  /** The offset after the last record polled, or -1 if none was polled since owned. */
  long polledUpTo() {
    return polledUpTo;
  }

  void add(long offset) {
    if (size > head && offset <= offsets[size - 1]) {
      insert(offset);
      return;
    }
    ensureRoom();
    offsets[size] = offset;
    handedOn[size] = false;
    size++;
    open++;
  }

  /** Marks an offset handed on; false if it was not open. */
  boolean remove(long offset) {
    // mostly handed on in the order polled: the first open offset, without a search
    int i =
        head < size && offsets[head] == offset
            ? head
            : Arrays.binarySearch(offsets, head, size, offset);
    if (i < 0 || handedOn[i]) {
      return false;
    }
    handedOn[i] = true;
    open--;
    while (head < size && handedOn[head]) {
      head++;
    }
    if (head == size) {
      head = 0;
      size = 0;
    }
    return true;
  }

  boolean isEmpty() {
    return open == 0;
  }

  /** The lowest open offset; only when not {@link #isEmpty}. */
  long first() {
    return offsets[head]; // head is never a handed-on entry while one is open
  }

  /** The consumer was moved back to {@code from}: it polls from there again. */
  void rewound(long from) {
    clearFrom(from);
    polledUpTo = from;
  }

  /** Forgets every offset from {@code from} on, open or handed on. */
  void clearFrom(long from) {
    int i = Arrays.binarySearch(offsets, head, size, from);
    int cut = i >= 0 ? i : -i - 1;
    for (int j = cut; j < size; j++) {
      if (!handedOn[j]) {
        open--;
      }
    }
    size = cut;
    while (head < size && handedOn[head]) {
      head++;
    }
    if (head == size) {
      head = 0;
      size = 0;
    }
  }

  private void insert(long offset) {
    int i = Arrays.binarySearch(offsets, head, size, offset);
    if (i >= 0) {
      if (handedOn[i]) { // open again
        handedOn[i] = false;
        open++;
        if (i < head) {
          head = i;
        }
      }
      return;
    }
    if (size == offsets.length) {
      ensureRoom(); // may move the entries: search again
      i = Arrays.binarySearch(offsets, head, size, offset);
    }
    int at = -i - 1;
    System.arraycopy(offsets, at, offsets, at + 1, size - at);
    System.arraycopy(handedOn, at, handedOn, at + 1, size - at);
    offsets[at] = offset;
    handedOn[at] = false;
    size++;
    open++;
    if (at < head) {
      head = at;
    }
  }

  /**
   * Room for one more entry at the end: the handed-on prefix dropped, and the arrays doubled when
   * what is kept fills more than half of them. Without the doubling an array barely larger than the
   * open offsets was moved every few records (JFR: 7% of the Kafka source's samples).
   */
  private void ensureRoom() {
    if (size < offsets.length) {
      return;
    }
    if (head > 0) {
      System.arraycopy(offsets, head, offsets, 0, size - head);
      System.arraycopy(handedOn, head, handedOn, 0, size - head);
      size -= head;
      head = 0;
    }
    if (size > offsets.length / 2) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
      handedOn = Arrays.copyOf(handedOn, handedOn.length * 2);
    }
  }
}
