package dev.flumekit.web;

import java.io.IOException;

/** What a path answers; runs on one of the server's bounded handler threads. */
@FunctionalInterface
public interface Endpoint {
  Reply answer() throws IOException;
}
