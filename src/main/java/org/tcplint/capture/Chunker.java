package org.tcplint.capture;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Splits a capture into chunks of whole records, so that several threads can read and decode it: a
 * fast pass over the record lengths only, in file order, on one thread. Each chunk starts with a
 * <em>prefix</em> that restores the reader's state at the chunk's first record (the pcap file
 * header; the current pcapng section's header and interface blocks), so that a chunk is read by the
 * same {@link PcapReader} or {@link PcapngReader} as a whole file, with the same file offsets;
 * frame numbers start at 1 in every chunk (the caller adds the frames of the chunks before it).
 *
 * <p>The pass checks each record's framing as the readers do. At the first record it cannot vouch
 * for (a bad length, a file or stream that ends inside a record, a stream that fails), splitting
 * stops: the last chunk is a <em>tail</em> whose reader goes on with the rest of the stream, so
 * that the reader, not this pass, meets the damage and reports it exactly as when it reads the file
 * alone.
 */
public final class Chunker implements Closeable {
  /** Bytes of records per chunk (a chunk grows for a single larger record). */
  public static final int CHUNK = 2 << 20;

  /**
   * Records per chunk, about: a chunk's decoded segments are held until it is checked, so a capture
   * of small packets (a SYN flood: 23,000 records in 2 MiB) is cut into shorter chunks, and the
   * chunks in flight hold about as many segments as those of a capture of full-sized packets. At
   * 2,048, a window of full-sized packets is about 1 MiB: read, framed, copied and decoded while it
   * is still in the core's cache (docs/performance.md).
   */
  public static final int MAX_RECORDS = 2048;

  /** A run of whole records, with the prefix that restores the state they are read in. */
  public static final class Chunk {
    /**
     * The bytes as read: a direct buffer when read from a file channel, else over {@link #data}.
     */
    private ByteBuffer buf = ByteBuffer.allocate(0);

    private byte[] data = new byte[0];
    private boolean direct;
    private int length;
    private int prefix;
    private long base;
    private int section;
    private boolean pcapng;
    private InputStream rest;

    /**
     * The window this chunk is, read by the thread that decodes it; null when the chunker read it.
     */
    private Speculation.Window window;

    private final Speculation.Outcome outcome = new Speculation.Outcome();

    /** Whether this chunk is a window of the file, to {@link #fill} before it is read. */
    public boolean isWindow() {
      return window != null;
    }

    /**
     * Reads this window's records (on the thread that decodes it): from {@code start}, a record's
     * file offset known to be right, or, with {@code -1}, from the first position in the window
     * that looks like a record ({@link Speculation}): check {@link #found()} and {@link #start()}
     * against the end of the chunk before.
     */
    public void fill(long start) {
      window.spec().fill(this, window, start, outcome);
    }

    /** {@link #fill(long)} from the window's start when it is known, else from a guess. */
    public void fill() {
      fill(window.exact() ? window.from() : -1);
    }

    /** Whether the window found a first record (one was looked for: check it). */
    public boolean found() {
      return outcome.found;
    }

    /**
     * Whether the window's records end before the window does (damage, a block that changes the
     * state records are read in, or the file's end): the chunks after it are to be cut by the
     * chunker's pass from {@link #end()} on ({@link Chunker#resume}).
     */
    public boolean stopped() {
      return outcome.stopped;
    }

    /** This chunk's direct buffer, with room for {@code capacity} bytes. */
    ByteBuffer scratch(int capacity) {
      return scratch(capacity, 0);
    }

    /** As {@link #scratch(int)}, keeping the first {@code keep} bytes. */
    ByteBuffer scratch(int capacity, int keep) {
      if (!buf.isDirect() || buf.capacity() < capacity) {
        ByteBuffer b = ByteBuffer.allocateDirect(Math.max(capacity, CHUNK + Speculation.SLACK));
        b.put(0, buf, 0, keep);
        buf = b;
      }
      return buf;
    }

    /**
     * Makes this chunk the records {@code b[first, end)}, at file offset {@code at}, after {@code
     * pre}, copied to the heap.
     */
    void records(
        byte[] pre, int section, boolean pcapng, ByteBuffer b, int first, int end, long at) {
      prefix = pre.length;
      length = prefix + end - first;
      base = at - prefix;
      if (data.length < length) {
        data = new byte[length + (length >> 3)]; // windows of small records are short
      }
      System.arraycopy(pre, 0, data, 0, prefix);
      if (end > first) {
        b.get(first, data, prefix, end - first);
      }
      direct = false;
      rest = null;
      this.section = section;
      this.pcapng = pcapng;
    }

    /** File offset of the chunk's first record. */
    public long start() {
      return base + prefix;
    }

    /** File offset after the chunk's last byte. */
    public long end() {
      return base + length;
    }

    private void toHeap() {
      if (data.length < buf.capacity()) {
        data = new byte[buf.capacity()];
      }
      buf.get(0, data, 0, length);
    }

    /** Whether this is the tail: its reader goes on with the rest of the stream. */
    public boolean tail() {
      return rest != null;
    }

    /**
     * A reader of the chunk's records (frame numbers from 1; file offsets as in the file). Read
     * from a file channel, the bytes are first copied to the heap, by the thread that reads them.
     */
    public CaptureReader reader() throws IOException, CaptureFormatException {
      if (direct) {
        toHeap();
      }
      ByteInput in =
          rest == null
              ? new ByteInput(data, length, base)
              : new ByteInput(rest, data, length, base);
      if (!pcapng) {
        return new PcapReader(in);
      }
      // A prefix replays the current section's header: the reader resumes in that section.
      return prefix > 0 ? new PcapngReader(in).inSection(section) : new PcapngReader(in);
    }
  }

  private final InputStream in;
  private final FileChannel channel;
  private final boolean pcapng;
  private final java.util.function.LongConsumer onRead;

  /** The state prefix: the pcap header, or the current section's SHB and IDBs. */
  private final ByteArrayOutputStream headers = new ByteArrayOutputStream();

  private int section = -1;
  private boolean bigEndian;

  /** Bytes read but not yet in a chunk, the first at file offset {@link #offset}. */
  private byte[] carry;

  private int carryLen;
  private long offset;
  private long read;
  private boolean eof;
  private IOException failed;
  private boolean tailNext;
  private boolean done;

  /** Whether chunks may still become windows (once: not after {@link #resume}). */
  private boolean windows;

  /** The windows' common state while chunks are windows, else null. */
  private Speculation speculation;

  private long nextWindow;
  private long firstWindow;

  private int chunks;

  /**
   * @param in the (decompressed) capture stream, positioned after {@code first}
   * @param channel the file {@code in} reads, when it is not compressed: read straight into direct
   *     buffers (one copy less for the reading thread), else null
   * @param first the bytes already read from the start of the stream
   * @param n how many of {@code first} there are
   * @param pcapng the container format
   * @param windows whether {@code channel} is a regular file whose chunks after the first may be
   *     windows read by the threads that decode them ({@link Speculation})
   * @param onRead told the bytes of each read from the stream
   */
  Chunker(
      InputStream in,
      FileChannel channel,
      byte[] first,
      int n,
      boolean pcapng,
      boolean windows,
      java.util.function.LongConsumer onRead) {
    this.in = in;
    this.channel = channel;
    this.windows = windows && channel != null;
    this.pcapng = pcapng;
    this.onRead = onRead;
    if (pcapng) {
      carry = Arrays.copyOf(first, Math.max(n, 1 << 16));
      carryLen = n;
    } else {
      headers.write(first, 0, 24);
      carry = Arrays.copyOfRange(first, 24, Math.max(n, 24 + (1 << 16)));
      carryLen = n - 24;
      offset = 24;
    }
    read = n;
  }

  /** Bytes read from the (decompressed) stream so far. */
  public long position() {
    return read;
  }

  /**
   * Fills {@code c} with the next run of records, reusing its buffer.
   *
   * @return false when the capture ended cleanly after the previous chunk
   */
  public boolean next(Chunk c) {
    if (done) {
      return false;
    }
    chunks++;
    c.window = null;
    byte[] pre = headers.toByteArray();
    int pl = pre.length;
    int want = pl + Math.max(span(), carryLen);
    if (c.buf.capacity() < want
        || c.buf.capacity() > 2 * want + (1 << 20)
        || c.buf.isDirect() != (channel != null)) {
      allocate(c, want); // (a buffer grown for one huge record is not kept)
    }
    c.direct = channel != null;
    ByteBuffer b = c.buf;
    b.clear(); // a window read into this buffer last left its limit at that window's end
    b.put(0, pre);
    b.put(pl, carry, 0, carryLen);
    c.pcapng = pcapng;
    c.section = section;
    c.prefix = pl;
    c.base = offset - pl;
    c.rest = null;
    int filled = pl + carryLen;
    if (tailNext) {
      return tail(c, filled);
    }
    while (true) {
      filled = fill(c.buf, filled);
      b = c.buf;
      int end = scan(b, pl, filled);
      if (end > pl) {
        recordsIn(end - pl, scanned);
        c.length = end;
        carryLen = filled - end;
        if (carry.length < carryLen) {
          carry = new byte[Math.max(carryLen, carry.length * 2)];
        }
        b.get(end, carry, 0, carryLen);
        offset += end - pl;
        return true;
      }
      if (tailNext || eof) {
        if (filled == pl && eof && failed == null) {
          done = true;
          return false; // a clean end
        }
        return tail(c, filled);
      }
      // The first record is larger than the buffer: make room for it (its length was checked).
      int need = filled - pl < 16 ? pl + 16 : pl + recordLength(b, pl);
      ByteBuffer old = b;
      allocate(c, Math.max(need, old.capacity() + chunkSize));
      c.buf.put(0, old, 0, filled);
    }
  }

  /**
   * Whether the next chunks are windows ({@link #window}) rather than read here ({@link #next}):
   * after the first chunk of a plain file whose state is known and whole, until {@link #resume}.
   */
  public boolean windows() {
    if (speculation == null && windows && chunks > 0 && !done && !tailNext && !eof) {
      windows = false;
      Speculation s = start();
      if (s != null) {
        speculation = s;
        nextWindow = offset;
        firstWindow = offset;
      }
    }
    return speculation != null;
  }

  private Speculation start() {
    long size;
    try {
      size = channel.size();
    } catch (IOException e) {
      return null;
    }
    if (pcapng) {
      return section < 0
          ? null
          : new Speculation(channel, true, bigEndian, false, headers.toByteArray(), section, size);
    }
    byte[] h = headers.toByteArray();
    int be = Bytes.i32(h, 0, true);
    int le = Integer.reverseBytes(be);
    if (be != PcapReader.MAGIC_US
        && be != PcapReader.MAGIC_NS
        && le != PcapReader.MAGIC_US
        && le != PcapReader.MAGIC_NS) {
      return null; // records with longer headers: left to this pass
    }
    boolean bigEndian = be == PcapReader.MAGIC_US || be == PcapReader.MAGIC_NS;
    boolean nanos = be == PcapReader.MAGIC_NS || le == PcapReader.MAGIC_NS;
    return new Speculation(channel, false, bigEndian, nanos, h, 0, size);
  }

  /**
   * Makes {@code c} the next window (no reading here: see {@link Chunk#fill}); the first window
   * starts where the chunk before ended, the others at fixed offsets.
   *
   * @return false when the windows reached the end of the file
   */
  public boolean window(Chunk c) {
    if (nextWindow >= speculation.size) {
      return false;
    }
    long to = Math.min(speculation.size, nextWindow + span());
    c.window = new Speculation.Window(speculation, nextWindow, to, nextWindow == firstWindow);
    c.rest = null;
    onRead.accept(to - nextWindow);
    read = to;
    nextWindow = to;
    return true;
  }

  /**
   * Ends the windows: the chunks from file offset {@code at} (where the last window's records
   * ended) on are read and cut by this pass again.
   */
  public void resume(long at) {
    speculation = null;
    windows = false;
    offset = at;
    read = at;
    carryLen = 0;
    eof = false;
    tailNext = false;
    try {
      channel.position(at);
    } catch (IOException e) {
      failed = e;
      eof = true;
    }
  }

  /** Gives {@code c} an empty buffer of {@code capacity} bytes of the kind this chunker reads. */
  private void allocate(Chunk c, int capacity) {
    c.direct = channel != null;
    if (c.direct) {
      c.buf = ByteBuffer.allocateDirect(capacity);
    } else {
      c.data = new byte[capacity];
      c.buf = ByteBuffer.wrap(c.data);
    }
  }

  /** The last chunk: what is buffered, then the rest of the stream. */
  private boolean tail(Chunk c, int filled) {
    c.length = filled;
    IOException e = failed;
    c.rest =
        e != null
            ? new InputStream() {
              @Override
              public int read() throws IOException {
                throw e;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                throw e;
              }
            }
            : eof ? InputStream.nullInputStream() : in;
    if (c.direct) {
      c.toHeap(); // the tail's reader reads the heap array, then the stream
      c.direct = false;
    }
    done = true;
    return true;
  }

  /** Reads until {@code b} is full or the stream ends or fails. */
  private int fill(ByteBuffer b, int filled) {
    while (filled < b.capacity() && !eof) {
      int r;
      try {
        if (channel != null) {
          b.limit(b.capacity()).position(filled);
          r = channel.read(b);
        } else {
          r = in.read(b.array(), filled, b.capacity() - filled);
        }
      } catch (IOException e) {
        failed = e;
        eof = true;
        break;
      }
      if (r < 0) {
        eof = true;
      } else {
        filled += r;
        read += r;
        onRead.accept(r);
      }
    }
    return filled;
  }

  /**
   * The end of the last whole record in {@code b[from..to)} that the readers will accept framed as
   * it is; sets {@link #tailNext} when the record after it is one to leave to the reader.
   */
  private int scan(ByteBuffer b, int from, int to) {
    int p = from;
    scanned = 0;
    while (true) {
      if (scanned == MAX_RECORDS) {
        return p;
      }
      int n = pcapng ? block(b, p, to) : record(b, p, to);
      if (n == 0) {
        return p; // needs more bytes
      }
      if (n < 0) {
        tailNext = true;
        return p;
      }
      if (pcapng) {
        int type = i32(b, p, bigEndian);
        if (type == PcapngReader.SHB || type == PcapngReader.IDB) {
          byte[] block = new byte[n];
          b.get(p, block);
          if (type == PcapngReader.SHB) {
            section++;
            headers.reset();
          }
          headers.write(block, 0, n);
        }
      }
      p += n;
      scanned++;
    }
  }

  /** Records the last {@link #scan} found. */
  private int scanned;

  /**
   * Bytes per chunk: {@link #chunkSize}, or less where records are small, so that a chunk holds
   * about {@link #MAX_RECORDS} of them ({@link #recordsIn}).
   */
  private volatile int span = -1;

  private int span() {
    int s = span;
    return s > 0 ? Math.min(s, chunkSize) : chunkSize;
  }

  /**
   * Tells this chunker that a chunk of {@code bytes} held {@code records} records: the next chunks
   * and windows are sized to hold about {@link #MAX_RECORDS} records of that mean length, between
   * 64 KiB and {@link #chunkSize}. Any thread may tell it (a window's records are counted by the
   * thread that decodes it); the sizes of chunks change no report.
   */
  public void recordsIn(long bytes, long records) {
    if (records > 0 && bytes > 0) {
      long s = bytes * MAX_RECORDS / records;
      span = (int) Math.max(64 << 10, Math.min(CHUNK, s)) & -4096; // whole pages
    }
  }

  /** Length of the pcap record at {@code p}: 0 when not all there yet, -1 when not to vouch for. */
  private int record(ByteBuffer b, int p, int to) {
    return record(b, p, to, pcapBigEndian());
  }

  static int record(ByteBuffer b, int p, int to, boolean bigEndian) {
    if (to - p < 16) {
      return 0;
    }
    long len = u32(b, p + 8, bigEndian);
    if (len > ByteInput.MAX_RECORD) {
      return -1;
    }
    return to - p < 16 + len ? 0 : 16 + (int) len;
  }

  private Boolean pcapBe;

  private int chunkSize = CHUNK;

  /** Uses chunks of about {@code bytes} (tests use small ones to put many boundaries in a file). */
  public Chunker chunkSize(int bytes) {
    this.chunkSize = bytes;
    return this;
  }

  private boolean pcapBigEndian() {
    if (pcapBe == null) {
      byte[] h = headers.toByteArray();
      int m = Bytes.i32(h, 0, true);
      pcapBe = m == PcapReader.MAGIC_US || m == PcapReader.MAGIC_NS;
    }
    return pcapBe;
  }

  /**
   * Length of the pcapng block at {@code p}, as {@link PcapngReader#next} frames it: 0 when not all
   * there yet, -1 when it is one to leave to the reader (it would stop there). Updates the byte
   * order at a section header.
   */
  private int block(ByteBuffer b, int p, int to) {
    if (to - p < 12) {
      return to - p >= 8 && i32(b, p, bigEndian) != PcapngReader.SHB && section < 0 ? -1 : 0;
    }
    int type = i32(b, p, bigEndian);
    if (type != PcapngReader.SHB) {
      return section >= 0 ? inSection(b, p, to, type, bigEndian) : -1;
    }
    boolean be;
    int magic = i32(b, p + 8, true);
    if (magic == PcapngReader.BYTE_ORDER_MAGIC) {
      be = true;
    } else if (Integer.reverseBytes(magic) == PcapngReader.BYTE_ORDER_MAGIC) {
      be = false;
    } else {
      return -1;
    }
    int n = framed(b, p, to, type, be, PcapngReader.SHB_MAX);
    if (n <= 0) {
      return n;
    }
    int major = u16(b, p + 12, be);
    int minor = u16(b, p + 14, be);
    if (major != 1 || (minor != 0 && minor != 2)) {
      return -1;
    }
    bigEndian = be;
    return n;
  }

  /**
   * Length of the block at {@code p} (at least 12 bytes there) of a type other than a section
   * header, in a section of the byte order {@code bigEndian}, as {@link #block} frames it.
   */
  static int inSection(ByteBuffer b, int p, int to, int type, boolean bigEndian) {
    if (type == PcapngReader.EPB) { // the common case first: an enhanced packet block
      int len = i32(b, p + 4, bigEndian);
      if ((len & 3) == 0 && len >= 32 && len <= ByteInput.MAX_RECORD) {
        return to - p < len ? 0 : i32(b, p + len - 4, bigEndian) == len ? len : -1;
      }
    }
    return framed(b, p, to, type, bigEndian, ByteInput.MAX_RECORD);
  }

  /**
   * The length of the block at {@code p} of {@code type} when its length is a multiple of 4 from
   * the type's minimum to {@code max} and repeated at its end; 0 when not all of it is there, -1
   * when it is not framed so.
   */
  private static int framed(ByteBuffer b, int p, int to, int type, boolean be, long max) {
    long len = u32(b, p + 4, be);
    if (len % 4 != 0 || len < PcapngReader.minimumLength(type) || len > max) {
      return -1;
    }
    if (to - p < len) {
      return 0;
    }
    int n = (int) len;
    return u32(b, p + n - 4, be) == len ? n : -1;
  }

  /** Length of the record at {@code p} whose header is whole and checked. */
  private int recordLength(ByteBuffer b, int p) {
    if (pcapng) {
      boolean be =
          i32(b, p, bigEndian) == PcapngReader.SHB
              ? i32(b, p + 8, true) == PcapngReader.BYTE_ORDER_MAGIC
              : bigEndian;
      return (int) u32(b, p + 4, be);
    }
    return 16 + (int) u32(b, p + 8, pcapBigEndian());
  }

  static int i32(ByteBuffer b, int p, boolean bigEndian) {
    int v = b.getInt(p); // a buffer's own order is big-endian
    return bigEndian ? v : Integer.reverseBytes(v);
  }

  private static long u32(ByteBuffer b, int p, boolean bigEndian) {
    return i32(b, p, bigEndian) & 0xFFFFFFFFL;
  }

  private static int u16(ByteBuffer b, int p, boolean bigEndian) {
    short v = b.getShort(p);
    return (bigEndian ? v : Short.reverseBytes(v)) & 0xFFFF;
  }

  @Override
  public void close() throws IOException {
    in.close();
    if (channel != null) {
      channel.close();
    }
  }
}
