package dev.flumekit.hbase.sink;

import dev.flumekit.common.config.Validator;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;

/**
 * Table and column family names as HBase itself takes them, asked of the HBase client when the sink
 * is configured: a name HBase refuses would otherwise fail the sink at every start attempt.
 */
final class HBaseNames {
  static final Validator<String> TABLE =
      Validator.of(
          "that HBase takes as a table name: [namespace:]name, the name of letters, digits, '_',"
              + " '-' and '.', not starting with '.' or '-', the namespace of letters, digits and"
              + " '_'",
          HBaseNames::legalTable);

  static final Validator<String> FAMILY =
      Validator.of(
          "that HBase takes as a column family: printable characters, no ':', not starting with"
              + " '.'",
          HBaseNames::legalFamily);

  private HBaseNames() {}

  private static boolean legalTable(String name) {
    try {
      TableName.valueOf(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean legalFamily(String name) {
    try {
      ColumnFamilyDescriptorBuilder.isLegalColumnFamilyName(name.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
