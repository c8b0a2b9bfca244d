package dev.flumekit.kafka.sink;

/**
 * Lets batch workers take from the channel and hand records to the producer one at a time, in the
 * order their batches were started: the batch with ticket n goes after the batch with ticket n-1.
 * So records keep channel order, and a batch that found the channel empty did so after every
 * earlier batch took its events.
 */
final class SendTurns {
  private long current;

  /** Waits until it is {@code ticket}'s turn. Tickets are 0, 1, 2, ... in start order. */
  synchronized void await(long ticket) throws InterruptedException {
    while (current != ticket) {
      wait();
    }
  }

  /** Ends the current turn; the next ticket may go. */
  synchronized void next() {
    current++;
    notifyAll();
  }
}
