package dev.flumekit.common.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderTemplateTest {
  @Test
  void rendersPlaceholdersFromHeaders() {
    HeaderTemplate t = HeaderTemplate.compile("logs-%{app}.%{ env }-100%");
    assertFalse(t.isConstant());
    assertEquals(List.of("app", "env"), t.headerNames());
    assertEquals("logs-web.prod-100%", t.render(Map.of("app", "web", "env", "prod")));
  }

  @Test
  void isNullWhenAHeaderIsMissing() {
    assertNull(HeaderTemplate.compile("a-%{x}").render(Map.of("y", "1")));
  }

  @Test
  void constantTemplatesRenderThemselves() {
    HeaderTemplate t = HeaderTemplate.compile("plain");
    assertTrue(t.isConstant());
    assertEquals("plain", t.render(Map.of()));
  }

  @Test
  void refusesMalformedPlaceholders() {
    assertThrows(IllegalArgumentException.class, () -> HeaderTemplate.compile("a-%{x"));
    assertThrows(IllegalArgumentException.class, () -> HeaderTemplate.compile("a-%{ }"));
  }
}
