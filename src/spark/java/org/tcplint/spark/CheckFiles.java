package org.tcplint.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.tcplint.api.Tcplint;
import org.tcplint.check.FileResult;
import org.tcplint.check.Suppression;
import scala.Tuple2;

/**
 * The task: checks the files of its partition (one file each, as the job partitions them) with the
 * library, each read from its Hadoop file system as one stream, on the task's {@code
 * spark.task.cpus} threads. A file that cannot be opened or read gives the library's {@code
 * capture.*} finding like a damaged one; no file fails the task.
 */
final class CheckFiles implements FlatMapFunction<Iterator<CheckFiles.Input>, Row> {
  private static final long serialVersionUID = 2L;

  /** An input file: its place in the list of inputs, and its qualified path. */
  record Input(int index, String path) implements java.io.Serializable {}

  private final CheckSettings settings;
  private final boolean fingerprints;

  /**
   * Checks with {@code settings}; {@code fingerprints}: the rows carry each finding's baseline
   * fingerprint.
   */
  CheckFiles(CheckSettings settings, boolean fingerprints) {
    this.settings = settings;
    this.fingerprints = fingerprints;
  }

  @Override
  public Iterator<Row> call(Iterator<Input> paths) {
    TaskContext task = TaskContext.get();
    int threads = task == null ? 1 : Math.max(1, task.cpus());
    Tcplint engine = settings.engine(threads);
    // the suppressions' file globs compiled once for the task's files
    Suppression.Filter suppressions = Suppression.filter(settings.suppressions());
    Configuration conf = hadoopConf();
    Files files = new Files(paths, engine, suppressions, conf, fingerprints);
    if (task != null) {
      task.addTaskCompletionListener(
          new org.apache.spark.util.TaskCompletionListener() {
            @Override
            public void onTaskCompletion(TaskContext context) {
              files.release();
              if (threads > 1) {
                engine.close(); // the task's own pool (CheckSettings.engine)
              }
            }
          });
    }
    return files;
  }

  /** The rows of the partition's files, one file checked at a time as the rows are taken. */
  private static final class Files implements Iterator<Row> {
    private final Iterator<Input> paths;
    private final Tcplint engine;
    private final Suppression.Filter suppressions;
    private final Configuration conf;
    private final boolean fingerprints;
    private FileRows current;

    Files(
        Iterator<Input> paths,
        Tcplint engine,
        Suppression.Filter suppressions,
        Configuration conf,
        boolean fingerprints) {
      this.paths = paths;
      this.engine = engine;
      this.suppressions = suppressions;
      this.conf = conf;
      this.fingerprints = fingerprints;
    }

    @Override
    public boolean hasNext() {
      while ((current == null || !current.hasNext()) && paths.hasNext()) {
        current = check(engine, suppressions, conf, paths.next(), fingerprints);
      }
      return current != null && current.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return current.next();
    }

    void release() {
      if (current != null) {
        current.release();
      }
    }
  }

  /**
   * Files smaller than this are read into memory and checked from there, as the command line checks
   * a file whose size it knows: on one thread, with one conversation table (a stream of unknown
   * length is set up for a big capture). Bigger files are streamed.
   */
  static final long IN_MEMORY = 2L * org.tcplint.capture.Chunker.CHUNK;

  private static FileRows check(
      Tcplint engine,
      Suppression.Filter suppressions,
      Configuration conf,
      Input input,
      boolean fingerprints) {
    String path = input.path();
    String name = Rows.printable(path);
    FileResult r;
    try {
      r = check(engine, conf, path, name);
    } catch (RuntimeException e) {
      // a fault of the checker itself: reported on the file like an unreadable one
      r = engine.check(failing(new IOException("internal error: " + e, e)), name);
    }
    // As tcplint check --config does: a finding a suppression matches is counted, not reported.
    long before = suppressions.removed();
    FileResult kept = suppressions.apply(r);
    return new FileRows(
        name, input.index(), fingerprints, r, kept, suppressions.removed() - before);
  }

  private static FileResult check(Tcplint engine, Configuration conf, String path, String name) {
    InputStream in;
    long length;
    try {
      Path p = new Path(path);
      FileSystem fs = raw(p.getFileSystem(conf));
      length = fs.getFileStatus(p).getLen();
      in = fs.open(p);
    } catch (FileNotFoundException e) {
      return engine.check(failing(new java.nio.file.NoSuchFileException(path)), name);
    } catch (AccessControlException e) {
      return engine.check(failing(new java.nio.file.AccessDeniedException(path)), name);
    } catch (IOException | RuntimeException e) {
      IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
      return engine.check(failing(io), name);
    }
    if (length >= IN_MEMORY) {
      return engine.check(in, name);
    }
    byte[] capture;
    try (InputStream all = in) {
      capture = all.readAllBytes();
    } catch (IOException e) {
      return engine.check(failing(e), name);
    }
    return engine.check(capture, name);
  }

  /**
   * The file system itself: a local one without its checksum layer, which would look for (or write)
   * a {@code .crc} file beside each file.
   */
  static FileSystem raw(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
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
    java.util.TreeMap<String, String> settings = new java.util.TreeMap<>();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      for (Tuple2<String, String> kv : env.conf().getAll()) {
        if (kv._1().startsWith("spark.hadoop.")) {
          settings.put(kv._1().substring("spark.hadoop.".length()), kv._2());
        }
      }
    }
    return CONFS.computeIfAbsent(
        settings,
        s -> {
          Configuration conf = new Configuration();
          s.forEach(conf::set);
          return conf;
        });
  }

  /**
   * One configuration per set of settings: parsing Hadoop's files costs more than a small check.
   */
  private static final java.util.concurrent.ConcurrentHashMap<Map<String, String>, Configuration>
      CONFS = new java.util.concurrent.ConcurrentHashMap<>();
}
