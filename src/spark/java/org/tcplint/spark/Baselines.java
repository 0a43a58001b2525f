package org.tcplint.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tcplint.check.Baseline;

/**
 * The job's {@code --baseline} and {@code --write-baseline}, over the rows of all files ({@link
 * Schemas#ROWS}, with fingerprints), as {@code tcplint check} applies them over its run: a
 * fingerprint counted n times in the baseline hides its first n findings, in the order of the
 * inputs and then of each file's report. A fingerprint holds the file's name, not its directory, so
 * files of the same name in different directories share their counts; the tasks check them apart,
 * and the ranking here, by input number and finding index, finds the same findings the command line
 * hides file after file.
 */
final class Baselines {
  private Baselines() {}

  private static final StructType COUNTS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("fingerprint", DataTypes.StringType, false),
              DataTypes.createStructField("allowed", DataTypes.IntegerType, false)));

  /**
   * The rows without the findings {@code baseline} hides, each file's {@code errors}, {@code
   * warnings} and {@code infos} without them and its {@code baselined} counting them.
   */
  static Dataset<Row> hide(SparkSession spark, Dataset<Row> rows, Baseline baseline) {
    List<Row> counts = new ArrayList<>();
    for (Map.Entry<String, Integer> e : baseline.counts().entrySet()) {
      if (e.getValue() > 0) {
        counts.add(RowFactory.create(e.getKey(), e.getValue()));
      }
    }
    Dataset<Row> allowed = spark.createDataFrame(counts, COUNTS);
    Dataset<Row> hidden =
        rows.where("finding is not null")
            .select(
                col("fingerprint"),
                col("fileIndex").as("hiddenFile"),
                col("finding.index").as("hiddenIndex"),
                col("finding.severity").as("hiddenSeverity"))
            .join(allowed, "fingerprint")
            .withColumn(
                "rank",
                row_number()
                    .over(Window.partitionBy("fingerprint").orderBy("hiddenFile", "hiddenIndex")))
            .where(col("rank").leq(col("allowed")))
            .select("hiddenFile", "hiddenIndex", "hiddenSeverity");
    Dataset<Row> kept =
        rows.join(
            hidden,
            rows.col("finding")
                .isNotNull()
                .and(rows.col("fileIndex").equalTo(hidden.col("hiddenFile")))
                .and(rows.col("finding.index").equalTo(hidden.col("hiddenIndex"))),
            "left_anti");
    Dataset<Row> perFile =
        hidden
            .groupBy(col("hiddenFile"))
            .agg(
                sum(when(col("hiddenSeverity").equalTo("error"), 1L).otherwise(0L)).as("e"),
                sum(when(col("hiddenSeverity").equalTo("warning"), 1L).otherwise(0L)).as("w"),
                sum(when(col("hiddenSeverity").equalTo("info"), 1L).otherwise(0L)).as("i"),
                count(lit(1)).as("n"));
    Dataset<Row> files = kept.where("file is not null");
    Dataset<Row> adjusted =
        files
            .join(perFile, files.col("fileIndex").equalTo(perFile.col("hiddenFile")), "left")
            .select(
                col("file"),
                col("conversation"),
                col("finding"),
                col("fileIndex"),
                col("fingerprint"),
                col("e"),
                col("w"),
                col("i"),
                col("n"))
            .map((MapFunction<Row, Row>) Baselines::adjust, Encoders.row(Schemas.ROWS));
    return kept.where("file is null").unionByName(adjusted);
  }

  /**
   * A file's row (with the counts of its hidden findings, null when none) as {@link #hide} keeps
   * it.
   */
  private static Row adjust(Row r) {
    Row file = r.getStruct(0);
    if (r.isNullAt(8)) {
      return RowFactory.create(file, null, null, r.getInt(3), r.get(4));
    }
    Object[] f = new Object[file.size()];
    for (int k = 0; k < f.length; k++) {
      f[k] = file.get(k);
    }
    int errors = Schemas.FILES.fieldIndex("errors");
    f[errors] = file.getLong(errors) - r.getLong(5);
    f[errors + 1] = file.getLong(errors + 1) - r.getLong(6);
    f[errors + 2] = file.getLong(errors + 2) - r.getLong(7);
    int baselined = Schemas.FILES.fieldIndex("baselined");
    f[baselined] = file.getLong(baselined) + r.getLong(8);
    return RowFactory.create(RowFactory.create(f), null, null, r.getInt(3), r.get(4));
  }

  /**
   * The findings of {@code rows} as a baseline ({@code tcplint check --write-baseline}): each
   * fingerprint with the number of its findings. Collected by the driver, a row per fingerprint.
   */
  static Baseline record(Dataset<Row> rows) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Row r : rows.where("finding is not null").groupBy("fingerprint").count().collectAsList()) {
      counts.put(r.getString(0), (int) Math.min(Integer.MAX_VALUE, r.getLong(1)));
    }
    return Baseline.of(counts);
  }
}
