package dev.flumekit.tools;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.apache.flume.interceptor.InterceptorBuilderFactory;

/**
 * The interceptor builders an agent's class path offers: whether a type loads as Flume would load
 * it, and the {@code $Builder} classes of a package, for a suggestion.
 */
interface InterceptorBuilders {
  /** Whether Flume makes a builder of {@code type} (an alias or a builder class). */
  boolean loads(String type);

  /** The {@code $Builder} classes of package {@code pkg}, by class name. */
  Set<String> inPackage(String pkg);

  /** The check's own class path: the agent's, with Flume's lib/ and every plugin. */
  InterceptorBuilders CLASS_PATH =
      new InterceptorBuilders() {
        @Override
        public boolean loads(String type) {
          try {
            InterceptorBuilderFactory.newInstance(type);
            return true;
          } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
          }
        }

        /** From the jars on the class path that hold the package. */
        @Override
        public Set<String> inPackage(String pkg) {
          Set<String> builders = new TreeSet<>();
          String path = pkg.replace('.', '/') + "/";
          try {
            for (URL url :
                Collections.list(InterceptorTypes.class.getClassLoader().getResources(path))) {
              if (!(url.openConnection() instanceof JarURLConnection jar)) {
                continue;
              }
              jar.setUseCaches(false);
              try (JarFile file = jar.getJarFile()) {
                file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith(path) && n.endsWith("$Builder.class"))
                    .filter(n -> n.indexOf('/', path.length()) < 0)
                    .forEach(
                        n ->
                            builders.add(
                                n.substring(0, n.length() - ".class".length()).replace('/', '.')));
              }
            }
          } catch (IOException e) {
            // no suggestion then
          }
          return builders;
        }
      };
}
