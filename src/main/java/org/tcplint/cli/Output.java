package org.tcplint.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;

/**
 * Where reports go, as streams that fail loudly: a write that does not reach the file or standard
 * output (a full disk, a closed pipe, {@code /dev/full}) throws, with the place named, so that a
 * run never ends with exit 0 and a lost report.
 */
final class Output {
  /**
   * Whether people's reports are coloured when no option says: on a terminal, unless {@code
   * NO_COLOR} (its value, null when unset) is set to something; an empty value counts as unset
   * (no-color.org).
   */
  static boolean colourByDefault(boolean terminal, String noColor) {
    return terminal && (noColor == null || noColor.isEmpty());
  }

  private Output() {}

  /** Opens (creates or truncates) {@code name} for a report. */
  static OutputStream open(String name) throws IOException {
    OutputStream o;
    try {
      o = Files.newOutputStream(org.tcplint.capture.FileNames.path(name));
    } catch (InvalidPathException e) {
      throw new IOException(name + ": not a valid path (" + e.getReason() + ")", e);
    } catch (IOException e) {
      throw new IOException(name + ": " + org.tcplint.capture.FileNames.reason(e), e);
    }
    return new Named(o, name);
  }

  /**
   * Standard output, which a {@link PrintStream} would let fail in silence: its error flag is
   * looked at after every write and turned into an exception.
   */
  static OutputStream standard(PrintStream out) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        check();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        check();
      }

      @Override
      public void flush() throws IOException {
        check(); // checkError flushes
      }

      private void check() throws IOException {
        if (out.checkError()) {
          throw new IOException("standard output: the report could not be written" + why(out));
        }
      }
    };
  }

  /** " (reason)" when {@code out} is a {@link Stdout} that knows why a write failed, else "". */
  static String why(PrintStream out) {
    String reason = out instanceof Stdout s ? s.failure() : null;
    return reason == null ? "" : " (" + reason + ")";
  }

  /**
   * Standard output as the command line prints to it: a {@link PrintStream}, which keeps a failed
   * write to itself as a flag, over a stream that remembers why the write failed ("broken pipe":
   * the reader closed it; "no space left on device"), so that the message can say.
   */
  static final class Stdout extends PrintStream {
    private final Remembering sink;

    Stdout(OutputStream out, boolean autoFlush) {
      this(new Remembering(out), autoFlush);
    }

    private Stdout(Remembering sink, boolean autoFlush) {
      super(sink, autoFlush, java.nio.charset.StandardCharsets.UTF_8);
      this.sink = sink;
    }

    /** Why the last failed write failed, in a few words; null when none failed. */
    String failure() {
      IOException e = sink.failure;
      return e == null ? null : org.tcplint.capture.FileNames.reason(e);
    }
  }

  /**
   * Passes writes on; the exception of one that fails goes through {@link #failed} before it is
   * thrown.
   */
  private abstract static class OnFailure extends FilterOutputStream {
    OnFailure(OutputStream out) {
      super(out);
    }

    /** The exception to throw for {@code e}. */
    abstract IOException failed(IOException e);

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw failed(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (IOException e) {
        throw failed(e);
      }
    }
  }

  /** Passes writes on, and keeps the exception of the last one that failed. */
  private static final class Remembering extends OnFailure {
    volatile IOException failure;

    Remembering(OutputStream out) {
      super(out);
    }

    @Override
    IOException failed(IOException e) {
      failure = e;
      return e;
    }
  }

  /** Names the file in the message of any write error. */
  private static final class Named extends OnFailure {
    private final String name;

    Named(OutputStream out, String name) {
      super(out);
      this.name = name;
    }

    @Override
    IOException failed(IOException e) {
      return new IOException(name + ": " + org.tcplint.capture.FileNames.reason(e), e);
    }
  }
}
