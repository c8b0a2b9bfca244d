package dev.flumekit.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Exact paths and their endpoints; any other path gets 404, or the fallback if one is given. */
public final class Routes {
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private Endpoint otherwise = () -> Reply.text(404, "not found\n");

  public Routes on(String path, Endpoint endpoint) {
    endpoints.put(path, endpoint);
    return this;
  }

  public Routes otherwise(Endpoint endpoint) {
    otherwise = endpoint;
    return this;
  }

  Reply answer(String path) throws IOException {
    return endpoints.getOrDefault(path, otherwise).answer();
  }
}
