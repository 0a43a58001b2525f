package org.tcplint.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens capture files: detects compression and container format from the magic bytes. */
public final class Captures {
  private Captures() {}

  /** An open capture: its reader and what was detected. */
  public record Opened(CaptureReader reader, String format, Compression compression)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /** Opens a file ({@code "-"} is standard input). */
  public static Opened open(Path path) throws IOException, CaptureFormatException {
    return open(path, 0, 0);
  }

  /** Read window of a file of {@link #SMALL_FILE} bytes or more, and of standard input. */
  static final int LARGE_WINDOW = 1 << 20;

  /**
   * Read window of a smaller file. An archive of small captures is read a file per thread at a
   * time, and a window as large as the file was a fresh 1 MiB array per file: as many bytes
   * allocated, zeroed and collected as read, and most of the allocation of such a check.
   * (docs/performance.md: the 1,000-file archive checked on two threads about 2–6 % faster with
   * this window; the 1 GiB trace on one thread 3.6 % slower with it, hence the larger one there.)
   */
  static final int SMALL_WINDOW = 128 << 10;

  /** Size below which a file gets the small window: the files checked on one thread each. */
  static final long SMALL_FILE = 4L << 20;

  /**
   * The read window of a file of {@code size} bytes: twice its size rounded down to a power of two
   * (at least 64 KiB), at most {@link #SMALL_WINDOW} for a small file and {@link #LARGE_WINDOW} for
   * a larger one. A record longer than the window grows it.
   */
  static int window(long size) {
    long cap = size < SMALL_FILE ? SMALL_WINDOW : LARGE_WINDOW;
    return (int) Math.max(64 << 10, Math.min(cap, Long.highestOneBit(Math.max(size, 1)) * 2));
  }

  /**
   * Opens a file ({@code "-"} is standard input); a compressed one may expand to at most {@code
   * maxExpansion} decompressed bytes per compressed byte once {@code floor} bytes were
   * decompressed, beyond which reading stops with a {@link DecompressionException} ({@code
   * maxExpansion} 0: no limit).
   */
  public static Opened open(Path path, long maxExpansion, long floor)
      throws IOException, CaptureFormatException {
    GuardedInput.Expansion expansion = new GuardedInput.Expansion(maxExpansion, floor);
    // A plain stream, also for big files: memory-mapped regions copy once less, but the page
    // faults of mapping cost more (README, Performance).
    InputStream raw =
        path.toString().equals("-") ? StandardInput.open() : Files.newInputStream(path);
    try {
      int window = path.toString().equals("-") ? LARGE_WINDOW : window(Files.size(path));
      return open(raw, window, expansion);
    } catch (IOException | CaptureFormatException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Opens a stream; the returned reader owns and closes it. */
  public static Opened open(InputStream raw) throws IOException, CaptureFormatException {
    return open(raw, 0, 0);
  }

  /** As {@link #open(InputStream)}, with the expansion limit of {@link #open(Path, long, long)}. */
  public static Opened open(InputStream raw, long maxExpansion, long floor)
      throws IOException, CaptureFormatException {
    return open(raw, 1 << 20, new GuardedInput.Expansion(maxExpansion, floor));
  }

  /** A capture opened for reading in chunks ({@link Chunker}), and what was detected. */
  public record Chunked(Chunker chunker, String format, Compression compression)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      chunker.close();
    }
  }

  /**
   * Opens a file ({@code "-"} is standard input) to be read in chunks, with the expansion limit of
   * {@link #open(Path, long, long)}; {@code onRead} is told whenever the chunker read more. A file
   * whose header is broken fails here, as with {@link #open(Path, long, long)}.
   */
  public static Chunked openChunked(
      Path path, long maxExpansion, long floor, java.util.function.LongConsumer onRead)
      throws IOException, CaptureFormatException {
    java.nio.channels.FileChannel channel =
        path.toString().equals("-") ? null : java.nio.channels.FileChannel.open(path);
    InputStream raw =
        channel == null ? StandardInput.open() : java.nio.channels.Channels.newInputStream(channel);
    try {
      boolean windows =
          channel != null
              && java.nio.file.Files.isRegularFile(path)
              && !"false".equals(System.getProperty("tcplint.windows"));
      return openChunked(
          raw, channel, windows, new GuardedInput.Expansion(maxExpansion, floor), onRead);
    } catch (IOException | CaptureFormatException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * As {@link #openChunked(Path, long, long, java.util.function.LongConsumer)}, for a stream that
   * the chunker owns.
   */
  public static Chunked openChunked(
      InputStream raw, long maxExpansion, long floor, java.util.function.LongConsumer onRead)
      throws IOException, CaptureFormatException {
    return openChunked(raw, null, false, new GuardedInput.Expansion(maxExpansion, floor), onRead);
  }

  /**
   * {@code channel}: the file {@code raw} reads, or null; a file that is not compressed is then
   * read from it straight into the chunks' direct buffers, and, when {@code windows} (a regular
   * file), in windows by the threads that decode them ({@link Speculation}).
   */
  private static Chunked openChunked(
      InputStream raw,
      java.nio.channels.FileChannel channel,
      boolean windows,
      GuardedInput.Expansion expansion,
      java.util.function.LongConsumer onRead)
      throws IOException, CaptureFormatException {
    Opened o = open(raw, 1 << 16, expansion);
    ClosingReader opened = (ClosingReader) o.reader();
    ByteInput bytes = opened.bytes();
    InputStream in = opened.in();
    // The header was read and checked by the reader; the chunker starts from the bytes buffered.
    byte[] first = java.util.Arrays.copyOf(bytes.buffer(), bytes.pos() + bytes.available());
    boolean pcapng = o.format().equals("pcapng");
    return new Chunked(
        new Chunker(
            in,
            o.compression() == Compression.NONE ? channel : null,
            first,
            first.length,
            pcapng,
            windows,
            onRead),
        o.format(),
        o.compression());
  }

  private static Opened open(InputStream raw, int window, GuardedInput.Expansion expansion)
      throws IOException, CaptureFormatException {
    PushbackInputStream pin = new PushbackInputStream(raw, 8);
    byte[] head = new byte[6];
    int n = pin.readNBytes(head, 0, head.length);
    pin.unread(head, 0, n);
    Compression c = Compression.sniff(head, n);
    InputStream in = c.wrap(pin, expansion);
    ByteInput bytes = new ByteInput(in, window);
    if (!bytes.ensure(4)) {
      in.close();
      throw CaptureFormatException.truncated(
          0,
          bytes.available() == 0
              ? "file is empty (no capture header)"
              : "file is too short for a capture header (" + bytes.available() + " bytes)");
    }
    int magic = Bytes.i32(bytes.buffer(), bytes.pos(), true);
    CaptureReader reader;
    if (magic == PcapngReader.SHB) {
      reader = new ClosingReader(new PcapngReader(bytes), in, bytes);
    } else if (PcapReader.isMagic(magic)) {
      reader = new ClosingReader(new PcapReader(bytes), in, bytes);
    } else {
      in.close();
      throw CaptureFormatException.malformed(
          0, String.format("not a pcap or pcapng file (magic bytes 0x%08x)", magic));
    }
    return new Opened(reader, reader.format(), c);
  }

  /** Closes the underlying stream together with the reader. */
  private record ClosingReader(CaptureReader delegate, InputStream in, ByteInput bytes)
      implements CaptureReader {
    @Override
    public boolean next(Frame frame) throws IOException, CaptureFormatException {
      return delegate.next(frame);
    }

    @Override
    public String format() {
      return delegate.format();
    }

    @Override
    public long position() {
      return delegate.position();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
