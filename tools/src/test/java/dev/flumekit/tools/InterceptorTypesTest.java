package dev.flumekit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Interceptor types that do not load, on a class path that is a fake. */
class InterceptorTypesTest {
  private static final String PREFIX = "a1.sources.src.";
  private static final String ACCESS_LOG = "dev.flumekit.interceptor.AccessLogInterceptor$Builder";

  /** A class path with flumekit's interceptors: only their builders and Flume's aliases load. */
  private static final InterceptorBuilders FLUMEKIT =
      new InterceptorBuilders() {
        @Override
        public boolean loads(String type) {
          return type.equals(ACCESS_LOG) || type.equals("timestamp");
        }

        @Override
        public Set<String> inPackage(String pkg) {
          return pkg.equals("dev.flumekit.interceptor") ? Set.of(ACCESS_LOG) : Set.of();
        }
      };

  private static List<InterceptorTypes.Refused> refused(String... keyValues) {
    Map<String, String> properties = new java.util.TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(PREFIX + keyValues[i], keyValues[i + 1]);
    }
    return InterceptorTypes.refused(PREFIX, properties, FLUMEKIT);
  }

  @Test
  void aMisspeltBuilderClassIsNamedAtItsKeyWithTheNearestOfItsPackage() {
    assertEquals(
        List.of(
            new InterceptorTypes.Refused(
                "i1",
                "a1.sources.src.interceptors.i1.type ="
                    + " 'dev.flumekit.interceptor.AccesLogInterceptor$Builder': no interceptor"
                    + " builder of that name loads (did you mean"
                    + " dev.flumekit.interceptor.AccessLogInterceptor$Builder?); a class must be"
                    + " given as its Builder, e.g. pkg.MyInterceptor$Builder, and its plugin be in"
                    + " plugins.d")),
        refused(
            "interceptors", "i1",
            "interceptors.i1.type", "dev.flumekit.interceptor.AccesLogInterceptor$Builder"));
  }

  @Test
  void anInterceptorWithoutATypeIsNamedAndOnesThatLoadAreNot() {
    assertEquals(
        List.of(
            new InterceptorTypes.Refused(
                "i2",
                "a1.sources.src.interceptors.i2.type: required, expected an interceptor type or"
                    + " its builder class")),
        refused(
            "interceptors", " i1  i2 i3 ",
            "interceptors.i1.type", " timestamp ",
            "interceptors.i3.type", ACCESS_LOG));
  }

  @Test
  void aSourceWithoutInterceptorsHasNone() {
    assertEquals(List.of(), refused("interceptors", " "));
    assertEquals(List.of(), refused());
  }

  @Test
  void nothingNearIsNoSuggestion() {
    assertEquals(
        Optional.empty(), InterceptorTypes.nearest("com.example.Entirely$Different", FLUMEKIT));
    assertEquals(Optional.of("timestamp"), InterceptorTypes.nearest("timestmp", FLUMEKIT));
    assertEquals(Optional.of("regex_filter"), InterceptorTypes.nearest("regex_filtr", FLUMEKIT));
  }
}
