package org.eclipse.jetty.standin;

/**
 * Stands in for a class of Flume's Jetty 9 on the agent's class path (ChildFirstClassLoaderTest).
 */
public final class AgentsJetty {
  private AgentsJetty() {}
}
