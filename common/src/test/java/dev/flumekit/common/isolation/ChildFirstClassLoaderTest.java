package dev.flumekit.common.isolation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.junit.jupiter.api.Test;

class ChildFirstClassLoaderTest {
  @Test
  void sharesFlumeLoggingAndAvroButNotLibraries() {
    assertTrue(ChildFirstClassLoader.isShared("org.apache.flume.Event"));
    assertTrue(ChildFirstClassLoader.isShared("org.slf4j.Logger"));
    assertTrue(ChildFirstClassLoader.isShared("org.apache.avro.Schema"));
    assertFalse(ChildFirstClassLoader.isShared("org.apache.kafka.clients.producer.KafkaProducer"));
    assertFalse(ChildFirstClassLoader.isShared("com.github.luben.zstd.Zstd"));
  }

  @Test
  void loadsItsOwnCopyOfAClassBeforeTheParents() throws Exception {
    URL classes = HeaderHolder.class.getProtectionDomain().getCodeSource().getLocation();
    try (ChildFirstClassLoader loader =
        new ChildFirstClassLoader("test", new URL[] {classes}, getClass().getClassLoader())) {
      Class<?> own = loader.loadClass(HeaderHolder.class.getName());
      assertSame(loader, own.getClassLoader());
      assertSame(String.class, loader.loadClass("java.lang.String"));
      assertSame(org.apache.flume.Event.class, loader.loadClass("org.apache.flume.Event"));
    }
  }

  static final class HeaderHolder {}
}
