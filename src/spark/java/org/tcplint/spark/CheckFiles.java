package org.tcplint.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.tcplint.api.Tcplint;
import org.tcplint.check.FileResult;
import scala.Tuple2;

/**
 * The task: checks the files of its partition (one file each, as the job partitions them) with the
 * library, each read from its Hadoop file system as one stream, on the task's {@code
 * spark.task.cpus} threads. A file that cannot be opened or read gives the library's {@code
 * capture.*} finding like a damaged one; no file fails the task.
 */
final class CheckFiles implements FlatMapFunction<Iterator<String>, FileRows> {
  private static final long serialVersionUID = 1L;

  private final CheckSettings settings;

  CheckFiles(CheckSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<FileRows> call(Iterator<String> paths) {
    TaskContext task = TaskContext.get();
    int threads = task == null ? 1 : Math.max(1, task.cpus());
    Tcplint engine = settings.engine(threads);
    Configuration conf = hadoopConf();
    List<FileRows> out = new ArrayList<>();
    while (paths.hasNext()) {
      String path = paths.next();
      out.add(check(engine, conf, path));
    }
    return out.iterator();
  }

  private static FileRows check(Tcplint engine, Configuration conf, String path) {
    String name = Rows.printable(path);
    FileResult r;
    try {
      r = engine.check(open(conf, path), path);
    } catch (RuntimeException e) {
      // a fault of the checker itself: reported on the file like an unreadable one
      r = engine.check(failing(new IOException("internal error: " + e, e)), path);
    }
    try {
      return FileRows.of(name, r);
    } finally {
      r.release();
    }
  }

  private static InputStream open(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf).open(p);
    } catch (FileNotFoundException e) {
      return failing(new java.nio.file.NoSuchFileException(path));
    } catch (AccessControlException e) {
      return failing(new java.nio.file.AccessDeniedException(path));
    } catch (IOException | RuntimeException e) {
      return failing(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
  }

  /** A stream whose first read throws {@code e}: the library reports it as the file's fault. */
  private static InputStream failing(IOException e) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw e;
      }
    };
  }

  /**
   * The Hadoop configuration of this executor: Hadoop's defaults and site files, with the
   * application's {@code spark.hadoop.*} settings (credentials and endpoints for {@code s3a:}).
   */
  static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      for (Tuple2<String, String> kv : env.conf().getAll()) {
        if (kv._1().startsWith("spark.hadoop.")) {
          conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
        }
      }
    }
    return conf;
  }
}
