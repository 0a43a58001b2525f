package org.tcplint.spark;

import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The job's datasets, taken from the rows the tasks produced ({@link Schemas#ROWS}), and their
 * writing below the output directory: {@code findings/}, {@code conversations/} and {@code files/}
 * as Parquet ({@link Schemas}), and with {@code --jsonl} the findings again as JSON lines in {@code
 * findings-jsonl/}.
 */
final class Datasets {
  private Datasets() {}

  static Dataset<Row> findings(Dataset<Row> rows) {
    return rows.where("finding is not null").select("finding.*");
  }

  static Dataset<Row> conversations(Dataset<Row> rows) {
    return rows.where("conversation is not null").select("conversation.*");
  }

  static Dataset<Row> files(Dataset<Row> rows) {
    return rows.where("file is not null").select("file.*");
  }

  /** The directories the job writes: {@code findings/}, {@code conversations/}, {@code files/}. */
  static java.util.List<String> directories(JobOptions o) {
    java.util.List<String> d = new java.util.ArrayList<>();
    for (String name : new String[] {"findings", "conversations", "files"}) {
      d.add(o.output() + "/" + name);
    }
    if (o.jsonl()) {
      d.add(o.output() + "/findings-jsonl");
    }
    return d;
  }

  static void write(Dataset<Row> rows, JobOptions o) {
    String byDate = o.partitionBy().equals("date") ? "date" : null;
    String byRule = o.partitionBy().equals("rule") ? "rule" : byDate;
    java.util.List<String> to = directories(o);
    writer(findings(rows), o, byRule).parquet(to.get(0));
    writer(conversations(rows), o, byDate).parquet(to.get(1));
    writer(files(rows), o, byDate).parquet(to.get(2));
    if (o.jsonl()) {
      writer(findings(rows), o, null).json(to.get(3));
    }
  }

  private static DataFrameWriter<Row> writer(Dataset<Row> d, JobOptions o, String partition) {
    DataFrameWriter<Row> w =
        d.write().mode(o.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
    return partition == null ? w : w.partitionBy(partition);
  }
}
