package org.tcplint.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the job's datasets below the output directory: {@code findings/}, {@code conversations/}
 * and {@code files/} as Parquet ({@link Schemas}), and with {@code --jsonl} the findings again as
 * JSON lines in {@code findings-jsonl/}.
 */
final class Datasets {
  private Datasets() {}

  static void write(SparkSession spark, JavaRDD<FileRows> rows, JobOptions o) {
    Dataset<Row> findings =
        frame(spark, rows.flatMap(f -> f.findings().iterator()), Schemas.FINDINGS);
    Dataset<Row> conversations =
        frame(spark, rows.flatMap(f -> f.conversations().iterator()), Schemas.CONVERSATIONS);
    Dataset<Row> files = frame(spark, rows.map(FileRows::file), Schemas.FILES);
    String byDate = o.partitionBy().equals("date") ? "date" : null;
    String byRule = o.partitionBy().equals("rule") ? "rule" : byDate;
    writer(findings, o, byRule).parquet(o.output() + "/findings");
    writer(conversations, o, byDate).parquet(o.output() + "/conversations");
    writer(files, o, byDate).parquet(o.output() + "/files");
    if (o.jsonl()) {
      writer(findings, o, null).json(o.output() + "/findings-jsonl");
    }
  }

  /**
   * The rows as a dataset written by as many tasks as the application has cores: the files were
   * checked one per task, but a Parquet file per capture would cost more than its check.
   */
  private static Dataset<Row> frame(SparkSession spark, JavaRDD<Row> rows, StructType schema) {
    int writers = Math.max(1, spark.sparkContext().defaultParallelism());
    return spark.createDataFrame(rows.coalesce(Math.min(writers, rows.getNumPartitions())), schema);
  }

  private static DataFrameWriter<Row> writer(Dataset<Row> d, JobOptions o, String partition) {
    DataFrameWriter<Row> w =
        d.write().mode(o.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
    return partition == null ? w : w.partitionBy(partition);
  }
}
