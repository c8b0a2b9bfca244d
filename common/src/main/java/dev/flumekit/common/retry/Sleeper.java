package dev.flumekit.common.retry;

/** Waits between re-sends; interruptible so that stopping the agent ends a wait at once. */
public interface Sleeper {
  Sleeper SYSTEM = Thread::sleep;

  void sleep(long millis) throws InterruptedException;
}
