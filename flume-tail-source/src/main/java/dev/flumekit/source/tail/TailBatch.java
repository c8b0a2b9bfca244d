package dev.flumekit.source.tail;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;

/** The events of one channel transaction and, per file, the offset after its last event. */
final class TailBatch {
  private final int capacity;
  private final List<Event> events;
  private final List<TailedFile> files = new ArrayList<>();
  private boolean closed;

  TailBatch(int capacity) {
    this.capacity = capacity;
    this.events = new ArrayList<>(capacity);
  }

  boolean hasRoom() {
    return !closed && events.size() < capacity;
  }

  /** Takes no more lines: what must come next waits for this batch to commit. */
  void close() {
    closed = true;
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  int size() {
    return events.size();
  }

  void add(Event event, TailedFile file, long end) {
    events.add(event);
    if (file.batchEnd() < 0) {
      files.add(file);
    }
    file.setBatchEnd(end);
  }

  List<Event> events() {
    return events;
  }

  /** The files with events in this batch. */
  List<TailedFile> files() {
    return files;
  }
}
