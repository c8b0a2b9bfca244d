package dev.flumekit.common.isolation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void neverTakesAPrivateLibraryFromTheAgent(@TempDir Path emptyPlugin) throws Exception {
    // the agent's class path (the parent) has a Jetty class, standing in for Flume's Jetty 9; the
    // plugin has none: loading it fails instead of reaching into the agent's lib/, while any other
    // class missing from the plugin still comes from the agent
    assertTrue(ChildFirstClassLoader.isPrivate("org.eclipse.jetty.server.Server"));
    assertFalse(ChildFirstClassLoader.isPrivate("org.apache.kafka.clients.Metadata"));
    String jetty = "org.eclipse.jetty.standin.AgentsJetty";
    String resource = jetty.replace('.', '/') + ".class";
    ClassLoader agent = getClass().getClassLoader();
    assertNotNull(agent.getResource(resource));
    try (ChildFirstClassLoader loader =
        new ChildFirstClassLoader("test", new URL[] {emptyPlugin.toUri().toURL()}, agent)) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass(jetty));
      assertNull(loader.getResource(resource));
      assertFalse(loader.getResources(resource).hasMoreElements());
      assertNull(loader.getResource("META-INF/services/org.eclipse.jetty.standin.AgentsJetty"));
      assertSame(HeaderHolder.class, loader.loadClass(HeaderHolder.class.getName()));
    }
  }

  static final class HeaderHolder {}
}
