package dev.flumekit.testkit.hbase;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseTestingUtility;
import org.apache.hadoop.hbase.StartMiniClusterOption;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HBase 2.6 for a test class ({@code @RegisterExtension static final MiniHBase hbase = new
 * MiniHBase()}): ZooKeeper and one region server on loopback, data on the local file system (no
 * HDFS), web UIs off. Its class path must not also hold hbase-shaded-client (same classes, other
 * internals).
 *
 * <p>A class that never stops HBase and names its tables its own way can use the one HBase of the
 * test JVM instead ({@link #perJvm()}): started by the first class that asks, stopped when the
 * JVM's last test ended; every class that shares it saves a start of about 10 s.
 */
public final class MiniHBase implements BeforeAllCallback, AfterAllCallback {
  /** The test JVM's HBase, once a class asked for it. */
  private static MiniHBase jvmHBase;

  private final boolean perJvm;
  private HBaseTestingUtility util;
  private int stoppedZookeeperPort;

  /** An HBase of the test class's own. */
  public MiniHBase() {
    this(false);
  }

  private MiniHBase(boolean perJvm) {
    this.perJvm = perJvm;
  }

  /** The HBase shared by the test classes of this JVM; stopping it is refused. */
  public static MiniHBase perJvm() {
    return new MiniHBase(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (perJvm) {
      util = jvmHBase().util;
      return;
    }
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!perJvm) {
      stop();
    }
  }

  /** Starts ZooKeeper and HBase (about 10 s); for use outside JUnit, e.g. a benchmark. */
  public void start() throws Exception {
    util = new HBaseTestingUtility();
    Configuration conf = util.getConfiguration();
    conf.setInt("hbase.master.info.port", -1);
    conf.setInt("hbase.regionserver.info.port", -1);
    util.startMiniZKCluster();
    util.startMiniHBaseCluster(StartMiniClusterOption.builder().numRegionServers(1).build());
  }

  public void stop() throws Exception {
    refuseIfShared();
    if (util != null) {
      util.shutdownMiniCluster();
    }
  }

  /**
   * Stops HBase whole (region server, master, ZooKeeper), waits {@code downMillis}, and starts it
   * again on the same data, ZooKeeper on the same port: what clients see of a full restart.
   */
  public void restartWhole(long downMillis) throws Exception {
    stopWhole();
    Thread.sleep(downMillis);
    startWhole();
  }

  /** Stops the region server, the master and ZooKeeper; {@link #startWhole} starts them again. */
  public void stopWhole() throws Exception {
    refuseIfShared();
    stoppedZookeeperPort = util.getZkCluster().getClientPort();
    util.shutdownMiniHBaseCluster();
    util.shutdownMiniZKCluster();
  }

  /** Starts ZooKeeper (on its former port), the master and a region server on the same data. */
  public void startWhole() throws Exception {
    util.getConfiguration()
        .setInt("test.hbase.zookeeper.property.clientPort", stoppedZookeeperPort);
    util.startMiniZKCluster();
    util.startMiniHBaseCluster(StartMiniClusterOption.builder().numRegionServers(1).build());
  }

  private static synchronized MiniHBase jvmHBase() throws Exception {
    if (jvmHBase == null) {
      // never stopped: it ends with the test JVM, its data under the module's target/test-data
      // (a mini cluster's shutdown at exit would race HBase's own shutdown hooks)
      MiniHBase started = new MiniHBase();
      started.start();
      jvmHBase = started;
    }
    return jvmHBase;
  }

  private void refuseIfShared() {
    if (perJvm) {
      throw new IllegalStateException(
          "this HBase is shared by every test class of the JVM; a test that stops HBase registers"
              + " one of its own: new MiniHBase()");
    }
  }

  public HBaseTestingUtility util() {
    return util;
  }

  public Connection connection() throws Exception {
    return util.getConnection();
  }

  public String zookeeperQuorum() {
    return "127.0.0.1:" + util.getZkCluster().getClientPort();
  }

  public void createTable(String name, String... families) throws Exception {
    TableDescriptorBuilder table = TableDescriptorBuilder.newBuilder(TableName.valueOf(name));
    for (String family : families) {
      table.setColumnFamily(ColumnFamilyDescriptorBuilder.of(family));
    }
    util.getAdmin().createTable(table.build());
  }
}
