package dev.flumekit.common.isolation;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * Loads a plugin's own classes and libraries before the agent's. Flume puts {@code
 * plugins.d/*}/{@code lib} and {@code libext} after its own {@code lib/} on one flat class path, so
 * without this a plugin built on kafka-clients 4.x would silently get Flume's kafka-clients 2.7.2.
 * Relocating classes is not enough for libraries with native code (zstd-jni, snappy-java,
 * lz4-java): their JNI symbols are bound to the original class names. A separate class loader keeps
 * the original names and still wins.
 *
 * <p>Flume's API, logging and Avro (which Flume's event classes are built on) are shared with the
 * agent, so that events, channels, contexts, counters and log output are the agent's own. So are a
 * plugin's API packages (such as the HBase sink's serializer interface): an extension installed in
 * its own {@code plugins.d} directory is loaded by the agent's class loader, and it must implement
 * the very interface the plugin checks it against.
 */
public final class ChildFirstClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  private static final String[] SHARED_PREFIXES = {
    "org.apache.flume.",
    "org.slf4j.",
    "org.apache.logging.log4j.",
    "org.apache.log4j.",
    "org.apache.avro.",
    // what the agent's tools ask every component (bin/flumekit-agent check --connect)
    "dev.flumekit.common.tooling.",
  };

  /**
   * Libraries a plugin must only ever see its own copy of, never the agent's: Flume's lib/ holds
   * Jetty 9, and a Jetty 12 class or service file missing from the plugin must not be filled in
   * from it (a class of one version calling the other fails far from the cause).
   */
  private static final String[] PRIVATE_PREFIXES = {"org.eclipse.jetty."};

  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
  private final Set<String> apiPackages;

  public ChildFirstClassLoader(String name, URL[] urls, ClassLoader parent) {
    this(name, urls, parent, Set.of());
  }

  /**
   * @param apiPackages packages (exactly, not their subpackages) loaded from {@code parent} first
   */
  public ChildFirstClassLoader(
      String name, URL[] urls, ClassLoader parent, Set<String> apiPackages) {
    super(name, urls, parent);
    this.apiPackages = Set.copyOf(apiPackages);
  }

  private boolean isSharedHere(String className) {
    int dot = className.lastIndexOf('.');
    return isShared(className) || (dot > 0 && apiPackages.contains(className.substring(0, dot)));
  }

  static boolean isShared(String className) {
    for (String prefix : SHARED_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  static boolean isPrivate(String className) {
    for (String prefix : PRIVATE_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = loadUnloaded(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> loadUnloaded(String name) throws ClassNotFoundException {
    if (isSharedHere(name)) {
      return getParent().loadClass(name);
    }
    try {
      return platform.loadClass(name);
    } catch (ClassNotFoundException notJdk) {
      // not a JDK class: the plugin's own copy comes first
    }
    try {
      return findClass(name);
    } catch (ClassNotFoundException notOurs) {
      if (isPrivate(name)) {
        throw notOurs;
      }
      return getParent().loadClass(name);
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = isSharedResource(name) ? null : findResource(name);
    return own != null || isPrivateResource(name) ? own : getParent().getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> all = new ArrayList<>();
    if (!isSharedResource(name)) {
      all.addAll(Collections.list(findResources(name)));
    }
    if (!isPrivateResource(name)) {
      all.addAll(Collections.list(getParent().getResources(name)));
    }
    return Collections.enumeration(all);
  }

  /** A private library's class files and its service files (which ServiceLoader reads). */
  private static boolean isPrivateResource(String name) {
    String services = "META-INF/services/";
    String asClass =
        name.startsWith(services) ? name.substring(services.length()) : name.replace('/', '.');
    return isPrivate(asClass);
  }

  private boolean isSharedResource(String name) {
    String asClass = name.endsWith(".class") ? name.substring(0, name.length() - 6) : name;
    return isSharedHere(asClass.replace('/', '.'));
  }
}
