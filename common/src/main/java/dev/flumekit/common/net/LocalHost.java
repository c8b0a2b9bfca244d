package dev.flumekit.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as components put it in headers and ids. */
public final class LocalHost {
  private LocalHost() {}

  /** The local host name, or {@code localhost} when it cannot be resolved. */
  public static String name() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
