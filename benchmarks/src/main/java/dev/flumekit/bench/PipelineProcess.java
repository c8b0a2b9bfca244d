package dev.flumekit.bench;

import java.io.IOException;
import java.nio.file.Path;

/** One process of a pipeline run (a Flume agent, or a raw contender's program) as it is watched. */
interface PipelineProcess {
  /** What starts a run's {@code collector} or {@code loader} from the files in {@code confDir}. */
  @FunctionalInterface
  interface Starter {
    PipelineProcess start(Path confDir, String name, Path runDir) throws IOException;
  }

  /** Waits until the process serves the components named, ready for the other to start. */
  void awaitComponents(String... components) throws Exception;

  /**
   * @throws IllegalStateException with the process's log if it stopped
   */
  void checkAlive() throws IOException;

  /** Reads the process's progress once; {@link #counter} answers from this reading. */
  void sample() throws Exception;

  /** A count of the latest reading: a component's counter, by the component's name and key. */
  long counter(String component, String key);

  /** The process's id. */
  long pid();

  /** CPU seconds of the process so far, children excluded. */
  double cpuSeconds() throws IOException;

  /** Its resource use, {@code steady} its steady state of the run. */
  Usage usage(SteadyState steady) throws IOException;

  void stop() throws InterruptedException;
}
