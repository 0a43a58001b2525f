package org.tcplint.spark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of the job's datasets: the JSON report's fields (schema version 1) under the same
 * names, plus {@code path} (the file's qualified Hadoop path) and {@code date} (the UTC day of the
 * file's first packet). These names are stable; columns may be added, none removed or renamed.
 */
public final class Schemas {
  private Schemas() {}

  /** One row per finding, of every severity. */
  public static final StructType FINDINGS =
      struct(
          field("path", StringType, false),
          field("rule", StringType, false),
          field("severity", StringType, false),
          field("stream", IntegerType, true),
          field("frame", LongType, false),
          field("direction", StringType, true),
          field("message", StringType, false),
          field("expected", LongType, true),
          field("actual", LongType, true),
          field("offset", LongType, true),
          field("index", IntegerType, false),
          field("date", StringType, true));

  /** What one side of a conversation sent ({@code stats.client}, {@code stats.server}). */
  public static final StructType DIRECTION =
      struct(
          field("frames", LongType, false),
          field("bytes", LongType, false),
          field("retransmissions", IntegerType, false),
          field("holeRetransmissions", IntegerType, false),
          field("fastRetransmissions", IntegerType, false),
          field("spuriousRetransmissions", IntegerType, false),
          field("outOfOrder", IntegerType, false),
          field("dupAcksSent", IntegerType, false),
          field("gaps", IntegerType, false),
          field("duplicates", IntegerType, false),
          field("windowMax", LongType, true),
          field("windowMin", LongType, true),
          field("windowScaled", BooleanType, true));

  /** A conversation's {@code stats}. */
  public static final StructType STATS =
      struct(
          field("irttMs", createDecimalType(18, 6), true),
          field("client", DIRECTION, false),
          field("server", DIRECTION, false));

  /** One row per conversation. */
  public static final StructType CONVERSATIONS =
      struct(
          field("path", StringType, false),
          field("stream", IntegerType, false),
          field("client", StringType, false),
          field("server", StringType, false),
          field("service", StringType, true),
          field("firstFrame", LongType, false),
          field("lastFrame", LongType, false),
          field("packets", LongType, false),
          field("bytes", LongType, false),
          field("open", StringType, false),
          field("close", StringType, false),
          field("completeness", IntegerType, false),
          field("connState", StringType, false),
          field("history", StringType, false),
          field("windowScale", StringType, false),
          field("windowScaleClient", IntegerType, true),
          field("windowScaleServer", IntegerType, true),
          field("stats", STATS, true),
          field("date", StringType, true));

  /**
   * One row per input file, read or not; {@code suppressed}: its findings that the config's
   * suppressions removed, {@code baselined}: those the {@code --baseline} hid (neither in {@code
   * errors}, {@code warnings}, {@code infos} nor {@link #FINDINGS}).
   */
  public static final StructType FILES =
      struct(
          field("path", StringType, false),
          field("format", StringType, true),
          field("compression", StringType, true),
          field("packets", LongType, false),
          field("tcpSegments", LongType, false),
          field("bytesRead", LongType, false),
          field("conversations", LongType, false),
          field("errors", LongType, false),
          field("warnings", LongType, false),
          field("infos", LongType, false),
          field("error", StringType, true),
          field("firstTime", StringType, true),
          field("date", StringType, true),
          field("suppressed", LongType, false),
          field("baselined", LongType, false));

  /**
   * What the tasks produce, cached before the datasets are written: one row per file, conversation
   * or finding, the one of its first three columns that is not null saying which; {@code
   * fileIndex}, the file's place in the list of inputs; {@code fingerprint}, a finding's baseline
   * fingerprint when the job reads or writes a baseline, else null.
   */
  static final StructType ROWS =
      struct(
          field("file", FILES, true),
          field("conversation", CONVERSATIONS, true),
          field("finding", FINDINGS, true),
          field("fileIndex", IntegerType, false),
          field("fingerprint", StringType, true));

  private static StructField field(String name, DataType type, boolean nullable) {
    return createStructField(name, type, nullable);
  }

  private static StructType struct(StructField... fields) {
    return createStructType(List.of(fields));
  }
}
