package dev.flumekit.tools;

import org.apache.flume.Context;
import org.apache.flume.Sink;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.apache.logging.log4j.LogManager;

/**
 * A sink that quotes its secret keys in a warning and in the error that refuses its configuration,
 * as a careless component might: what the check prints must not carry them.
 */
public final class SecretQuotingSink extends AbstractSink implements Configurable {
  @Override
  public void configure(Context context) {
    String password = context.getString("kafka.producer.ssl.key.password");
    LogManager.getLogger(SecretQuotingSink.class)
        .warn("connecting with hbase.client.secret = " + context.getString("hbase.client.secret"));
    throw new IllegalArgumentException(
        "kafka.producer.ssl.key.password = '" + password + "' is refused by the cluster");
  }

  @Override
  public Sink.Status process() {
    return Sink.Status.BACKOFF;
  }
}
