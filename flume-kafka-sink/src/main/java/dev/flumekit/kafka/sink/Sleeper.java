package dev.flumekit.kafka.sink;

/** Waits between re-sends; interruptible so that stopping the agent ends a wait at once. */
interface Sleeper {
  Sleeper SYSTEM = Thread::sleep;

  void sleep(long millis) throws InterruptedException;
}
