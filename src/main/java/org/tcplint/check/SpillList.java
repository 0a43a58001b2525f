package org.tcplint.check;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.tcplint.flow.KeyOrder;

/**
 * An append-only list that is read back sorted, holding at most {@code limit} elements in memory:
 * beyond that, the elements held are sorted and appended to a temporary file as a run (one file for
 * all the list's runs, or for those of all a check's lists: {@link RunStore}), and reading merges
 * the runs. A capture's conversations and findings go here, so that the heap a check needs does not
 * grow with the length of the capture.
 *
 * <p>The sort is stable: elements that compare equal come back in the order they were added. With a
 * {@code combine} function, equal neighbours are combined into one (a conversation's late segments
 * into its summary); such additions are made with {@link #addLate} and do not count in {@link
 * #size()}.
 *
 * <p>A list that has held {@link #ENCODE_AFTER} elements at once keeps those it holds encoded as a
 * run's records in one buffer ({@link RunData.Out#Out(int)}) instead of as objects, until it is
 * closed: the collector then copies a few arrays instead of tracing thousands of small objects held
 * for a while (the many partitions of a big capture's parallel check hold tens of thousands at
 * once). Small lists, most captures', stay objects, which are read back without decoding.
 *
 * <p>Sequential access ({@link #iterator()}, {@code get(0)}, {@code get(1)}, …) is cheap; random
 * access re-reads from the start. The temporary files are deleted by {@link #close()} (and at
 * exit).
 */
public final class SpillList<T> extends SequentialList<T> implements AutoCloseable {

  /**
   * The order elements are read back in: by {@code key}, then, for equal keys, by {@code tie}
   * (null: equal keys are equal). Sorting and merging compare the long keys and call {@code tie}
   * only on equal keys, so no general-purpose comparator runs per element.
   */
  public record Order<T>(ToLongFunction<? super T> key, Comparator<? super T> tie) {
    int compare(long ka, T a, long kb, T b) {
      if (ka != kb) {
        return ka < kb ? -1 : 1;
      }
      return tie == null ? 0 : tie.compare(a, b);
    }
  }

  /** Writes and reads one element. */
  public interface Codec<T> {
    void write(RunData.Out out, T value) throws IOException;

    T read(RunData.In in) throws IOException;
  }

  private final Codec<T> codec;
  private final Order<T> order;
  private final BinaryOperator<T> combine;
  private final int limit;
  private final ToIntFunction<? super T> category;
  private final long[] tally;
  private Object[] memory = new Object[16]; // the elements held, with their keys
  private long[] keys = new long[16];
  private int held;

  /** Elements held at once from which a list holds them encoded. */
  static final int ENCODE_AFTER = 512;

  /**
   * The elements held, encoded (null: held as objects in {@link #memory}); element {@code i} is the
   * record at {@code starts[i]}.
   */
  private RunData.Out encoded;

  private int[] starts;

  /**
   * While encoding, the element last in order (the one added last, or the last after a sort), for
   * the tie-break with the next one added.
   */
  private T last;

  /** Whether a reader may still see {@link #encoded}'s buffer: it is then not written over. */
  private boolean encodedRead;

  private final List<RunStore.Run> runs = new ArrayList<>();
  private RunStore store;
  private final List<AutoCloseable> readers = new ArrayList<>();
  private boolean sorted = true;
  private boolean inMemory; // no temporary file could be created: everything stays in memory
  private boolean sharedArrays; // memory and keys are read by another list too: copied on write
  private int size;

  /**
   * @param combine merges an element with an equal later one, or null to keep both
   * @param limit elements held in memory before a run is written
   */
  public SpillList(Codec<T> codec, Order<T> order, BinaryOperator<T> combine, int limit) {
    this(codec, order, combine, limit, null, 0);
  }

  /**
   * A list that also counts its elements by {@code category} (0 to {@code categories} − 1), so that
   * the counts need no pass over the elements (see {@link #tally()}).
   */
  public SpillList(
      Codec<T> codec,
      Order<T> order,
      BinaryOperator<T> combine,
      int limit,
      ToIntFunction<? super T> category,
      int categories) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    this.codec = codec;
    this.order = order;
    this.combine = combine;
    this.limit = limit;
    this.category = category;
    this.tally = category == null ? null : new long[categories];
  }

  /**
   * A new, empty list with the same codec, order, combine function, limit, categories and store.
   */
  public SpillList<T> empty() {
    return new SpillList<>(codec, order, combine, limit, category, tally == null ? 0 : tally.length)
        .store(store);
  }

  /**
   * Writes this list's runs to {@code s}, whose file other lists share (by default the list has a
   * store of its own: one file for all its runs); a merged run ({@link #compact}) gets a store, and
   * so a file, of its own. Returns this list.
   */
  SpillList<T> store(RunStore s) {
    this.store = s;
    return this;
  }

  @Override
  public boolean add(T value) {
    append(value);
    size++;
    if (tally != null) {
      tally[category.applyAsInt(value)]++;
    }
    return true;
  }

  /**
   * The number of elements added ({@link #add}, not {@link #addLate}) in each category, or null for
   * a list made without categories.
   */
  public long[] tally() {
    return tally == null ? null : tally.clone();
  }

  /** Adds an element that {@code combine} will merge into an earlier equal one. */
  public void addLate(T value) {
    append(value);
  }

  private void append(T value) {
    forgetCursor();
    if (sharedArrays) {
      memory = memory.clone();
      keys = keys.clone();
      if (encoded != null) {
        starts = starts.clone();
        encodedRead = true; // the other list reads the buffer
      }
      sharedArrays = false;
    }
    if (held >= limit && !inMemory) {
      spill();
    }
    if (encoded == null && held >= ENCODE_AFTER) {
      encodeHeld();
    }
    if (held == keys.length) {
      int n =
          inMemory
              ? Math.max(16, held * 2)
              : Math.min(Math.max(16, held * 2), Math.max(limit, held + 1));
      keys = Arrays.copyOf(keys, n);
      if (encoded == null) {
        memory = Arrays.copyOf(memory, n);
      } else {
        starts = Arrays.copyOf(starts, n);
      }
    }
    long k = order.key().applyAsLong(value);
    if (held > 0
        && sorted
        && order.compare(keys[held - 1], encoded == null ? at(held - 1) : last, k, value) > 0) {
      sorted = false; // elements mostly arrive in order: sort only when one did not
    }
    keys[held] = k;
    if (encoded == null) {
      memory[held] = value;
    } else {
      if (encodedRead) { // a reader keeps the buffer: the list goes on in a copy of its own
        encoded = copyOf(encoded, encoded.buffer().length);
        encodedRead = false;
      }
      starts[held] = encode(encoded, value);
      last = value;
    }
    held++;
  }

  /** From now on the elements held are encoded: those held so far, then each one added. */
  private void encodeHeld() {
    RunData.Out out = new RunData.Out(1 << 12);
    int[] at = new int[keys.length];
    for (int i = 0; i < held; i++) {
      at[i] = encode(out, at(i));
      if (i == 0) {
        // Room for four times as many as are held now, at most as many as the list holds before
        // it spills, of the first one's length and a quarter: a partition's list (which holds
        // 512 of its 2,048 now) gets one buffer for its life rather than a chain of copies, and a
        // list that may never come near its limit no buffer sized for it.
        long want = (long) out.size() * (inMemory ? 4L * held : Math.min(limit, 4L * held));
        out.reserve((int) Math.min(Integer.MAX_VALUE - 64, want + (want >> 2)));
      }
    }
    last = held == 0 ? null : at(held - 1);
    encoded = out;
    starts = at;
    memory = new Object[16]; // not cleared: a shared() list may still read the old array
    encodedRead = false;
  }

  /** Appends {@code value} to {@code out} as a record; returns where the record starts. */
  private int encode(RunData.Out out, T value) {
    int start = out.size();
    out.beginRecord();
    try {
      codec.write(out, value);
      out.endRecord(); // in memory: writes nothing
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // in memory: cannot happen
    }
    return start;
  }

  /**
   * A writer in memory of {@code capacity} bytes holding what {@code from} holds, to be written
   * from its end on.
   */
  private static RunData.Out copyOf(RunData.Out from, int capacity) {
    RunData.Out out = new RunData.Out(capacity);
    try {
      out.copyBytes(from.buffer(), 0, from.size());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // in memory: cannot happen
    }
    return out;
  }

  /** Decodes the element held encoded at record offset {@code start} of {@code in}'s buffer. */
  private T decode(RunData.In in, int start) {
    in.at(start);
    try {
      in.nextRecord();
      return codec.read(in);
    } catch (IOException e) {
      throw new IllegalStateException("an element held in memory cannot be read back", e);
    }
  }

  @SuppressWarnings("unchecked")
  private T at(int i) {
    return (T) memory[i];
  }

  /**
   * A list of the same elements for another thread, when they are all held in memory (null when
   * some are in temporary files): both lists read the same arrays, which neither changes any more
   * (sorting or adding to either copies them first). Closing this list leaves the other whole.
   */
  SpillList<T> shared() {
    if (!runs.isEmpty()) {
      return null;
    }
    SpillList<T> other = empty();
    other.memory = memory;
    other.keys = keys;
    other.encoded = encoded;
    other.starts = starts;
    other.last = last;
    encodedRead = true;
    other.encodedRead = true;
    other.held = held;
    other.size = size;
    other.sorted = sorted;
    other.inMemory = inMemory;
    if (tally != null) {
      System.arraycopy(tally, 0, other.tally, 0, tally.length);
    }
    other.sharedArrays = true;
    sharedArrays = true;
    return other;
  }

  /**
   * Gives back the room an encoded list keeps for elements to come, once few or none will: its
   * buffer and arrays are cut to what it holds (the held elements of a finished check's partitions
   * would otherwise keep a buffer sized for the limit each).
   */
  void trim() {
    if (encoded == null || encoded.buffer().length - encoded.size() < 1 << 12) {
      return;
    }
    encoded = copyOf(encoded, encoded.size()); // a reader, or a shared list, keeps the old buffer
    encodedRead = false;
    keys = Arrays.copyOf(keys, Math.max(held, 1));
    starts = Arrays.copyOf(starts, Math.max(held, 1));
    sharedArrays = false; // the arrays are this list's own copies now
  }

  /** Whether the elements held are encoded (for tests). */
  boolean holdsEncoded() {
    return encoded != null;
  }

  /** Elements held in memory before a run is written. */
  int limit() {
    return limit;
  }

  /** Number of runs written to disk so far. */
  public int runs() {
    return runs.size();
  }

  /**
   * Where runs are written: {@code java.io.tmpdir} as it is when a run is written (tests point it
   * elsewhere).
   */
  static volatile Path directory;

  /**
   * Told, once per {@link #tellTo}, when results are kept in memory for want of a temporary file.
   */
  private static volatile Consumer<String> notices = m -> System.err.println("tcplint: " + m);

  private static final AtomicBoolean TOLD = new AtomicBoolean();

  /** Where the notice goes that results are kept in memory; it is given once from now on. */
  public static void tellTo(Consumer<String> to) {
    notices = to;
    TOLD.set(false);
  }

  static Path directory() {
    Path d = directory;
    return d != null ? d : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** From now on this list keeps everything in memory, and says so (see {@link #keptInMemory}). */
  private void keepInMemory(String problem) {
    inMemory = true;
    keptInMemory(problem);
  }

  /**
   * Gives the notice, once per {@link #tellTo}, that results are kept in memory for want of a
   * temporary file; {@code problem} says why, naming the place.
   */
  public static void keptInMemory(String problem) {
    if (TOLD.compareAndSet(false, true)) {
      notices.accept(
          problem
              + ": results are kept in memory instead, which may need a larger heap for big"
              + " captures (set TMPDIR to a writable directory with free space)");
    }
  }

  /**
   * The problem, for {@link #keptInMemory}, of a temporary file that could not be written (a full
   * disk).
   */
  public static String cannotWrite(Path file, Throwable e) {
    return "cannot write the temporary file "
        + file
        + " ("
        + org.tcplint.capture.FileNames.reason(e)
        + ")";
  }

  private static String cannotCreate(Path dir, Throwable e) {
    return "cannot create a temporary file in "
        + dir
        + " ("
        + org.tcplint.capture.FileNames.reason(e, "no such directory")
        + ")";
  }

  private void spill() {
    sortMemory();
    if (store == null) {
      store = new RunStore(); // this list's own: one file for all its runs
    }
    RunStore.Run run;
    if (encoded == null) {
      @SuppressWarnings("unchecked")
      Iterator<T> values = (Iterator<T>) Arrays.asList(memory).subList(0, held).iterator();
      run = writeRun(store, values);
    } else {
      byte[] buf = encoded.buffer();
      int n = held;
      int[] at = starts;
      run =
          writeRun(
              store,
              out -> {
                for (int i = 0; i < n; i++) {
                  out.copyRecord(buf, at[i]);
                }
              });
    }
    if (run == null) {
      return; // kept in memory
    }
    runs.add(run);
    if (encoded == null) {
      Arrays.fill(memory, 0, held, null);
    } else if (encodedRead) { // a reader or a shared list has this writer: one of its own
      encoded = new RunData.Out(encoded.buffer().length);
      encodedRead = false;
    } else {
      encoded.clear(); // written over from the start
    }
    last = null;
    held = 0;
    sorted = true;
    if (runs.size() >= MAX_RUNS) {
      compact();
    }
  }

  /**
   * Appends {@code values} to {@code to} as a run; null when no file could be created in the
   * directory (missing, not writable, not a directory) or a write failed (a full disk): then the
   * list keeps everything in memory from now on and says so once.
   */
  private RunStore.Run writeRun(RunStore to, Iterator<T> values) {
    return writeRun(
        to,
        out -> {
          while (values.hasNext()) {
            out.beginRecord();
            codec.write(out, values.next());
            out.endRecord();
          }
        });
  }

  /** Writes the records of a run. */
  private interface Records {
    void write(RunData.Out out) throws IOException;
  }

  /** {@link #writeRun(RunStore, Iterator)} with the records {@code records} writes. */
  private RunStore.Run writeRun(RunStore to, Records records) {
    try {
      return to.append(
          directory(),
          o -> {
            try (RunData.Out out = new RunData.Out(o)) {
              records.write(out);
              out.endRun();
            }
          });
    } catch (RunStore.CannotCreate e) {
      keepInMemory(cannotCreate(e.directory, e.getCause()));
    } catch (RunStore.CannotWrite e) {
      keepInMemory(cannotWrite(e.file, e.getCause()));
    }
    return null;
  }

  /** Most runs kept before they are merged into one (bounds the files open while reading). */
  static final int MAX_RUNS = 64;

  /**
   * Merges all runs into one, in order (the merge is stable, so the result is too). When the merged
   * run cannot be written, the runs stay as they are and what comes later is kept in memory.
   */
  private void compact() {
    int open = readers.size();
    List<Iterator<T>> sources = new ArrayList<>();
    for (RunStore.Run run : runs) {
      sources.add(new RunReader(run));
    }
    // A store of its own, so that the runs it replaces do not stay as dead space beside it.
    RunStore.Run merged = writeRun(new RunStore(), new Merge<>(sources, order));
    if (merged == null) {
      List<AutoCloseable> unfinished = readers.subList(open, readers.size());
      for (AutoCloseable r : unfinished) {
        try {
          r.close();
        } catch (Exception e) {
          // nothing more is read from it
        }
      }
      unfinished.clear();
      return;
    }
    deleteRuns();
    runs.add(merged);
  }

  private void sortMemory() {
    if (!sorted) {
      if (sharedArrays) { // sorted in a copy of its own: the other list reads the arrays as they
        // are
        keys = Arrays.copyOf(keys, held);
        if (encoded == null) {
          memory = Arrays.copyOf(memory, held);
        } else {
          starts = Arrays.copyOf(starts, held);
        }
        sharedArrays = false;
      }
      if (encoded == null) {
        sort(keys, memory, held, order);
      } else {
        sortEncoded();
      }
      sorted = true;
    }
  }

  /**
   * {@link #sort} for the elements held encoded: their record offsets move with the keys, and the
   * few elements of equal keys are decoded for the tie-break.
   */
  private void sortEncoded() {
    int n = held;
    RunData.In in = new RunData.In(encoded.buffer(), encoded.size());
    Object[] decoded = new Object[order.tie() == null ? 0 : n];
    int[] idx =
        order(
            keys,
            n,
            order,
            i -> decoded[i] != null ? decoded[i] : (decoded[i] = decode(in, starts[i])));
    int[] s2 = new int[n];
    for (int i = 0; i < n; i++) {
      s2[i] = starts[idx[i]];
    }
    System.arraycopy(s2, 0, starts, 0, n);
    permute(keys, idx, n);
    if (n > 0 && order.tie() != null) {
      last = decode(in, starts[n - 1]); // the next element is compared with the last in order
    }
  }

  /**
   * Sorts the first {@code n} elements of {@code values} and their {@code keys} together, stably:
   * by key with {@link KeyOrder}, then each run of equal keys by the order's tie-break (an
   * insertion sort: such runs are short, a segment's few findings).
   */
  static <T> void sort(long[] keys, Object[] values, int n, Order<T> order) {
    int[] idx = order(keys, n, order, i -> values[i]);
    Object[] v2 = new Object[n];
    for (int i = 0; i < n; i++) {
      v2[i] = values[idx[i]];
    }
    System.arraycopy(v2, 0, values, 0, n);
    permute(keys, idx, n);
  }

  /**
   * The indexes of the first {@code n} elements in their order: by key, then each run of equal keys
   * by the tie-break on the elements {@code value} gives.
   */
  private static <T> int[] order(long[] keys, int n, Order<T> order, IntFunction<Object> value) {
    int[] idx = KeyOrder.of(keys, n);
    if (order.tie() != null) {
      for (int lo = 0; lo < n; ) {
        int hi = lo + 1;
        while (hi < n && keys[idx[hi]] == keys[idx[lo]]) {
          hi++;
        }
        if (hi - lo > 1) {
          breakTies(keys[idx[lo]], value, idx, lo, hi, order);
        }
        lo = hi;
      }
    }
    return idx;
  }

  /** Sorts {@code idx[lo, hi)}, whose elements all have key {@code key}, by the tie-break. */
  private static <T> void breakTies(
      long key, IntFunction<Object> value, int[] idx, int lo, int hi, Order<T> order) {
    for (int i = lo + 1; i < hi; i++) {
      int x = idx[i];
      int j = i - 1;
      while (j >= lo && compare(order, key, value.apply(idx[j]), key, value.apply(x)) > 0) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = x;
    }
  }

  /** Puts key {@code idx[i]} at position {@code i}, for the first {@code n}. */
  private static void permute(long[] keys, int[] idx, int n) {
    long[] k2 = new long[n];
    for (int i = 0; i < n; i++) {
      k2[i] = keys[idx[i]];
    }
    System.arraycopy(k2, 0, keys, 0, n);
  }

  @SuppressWarnings("unchecked")
  private static <T> int compare(Order<T> order, long ka, Object a, long kb, Object b) {
    return order.compare(ka, (T) a, kb, (T) b);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Iterator<T> iterator() {
    sortMemory();
    Iterator<T> merged;
    Iterator<T> inMemory;
    if (encoded == null) {
      @SuppressWarnings("unchecked")
      List<T> snapshot = (List<T>) Arrays.asList(Arrays.copyOf(memory, held));
      inMemory = snapshot.iterator();
    } else {
      inMemory = new HeldReader(encoded.buffer(), encoded.size(), Arrays.copyOf(starts, held));
      encodedRead = true; // read while more is added: not written over
    }
    if (runs.isEmpty()) {
      merged = inMemory;
    } else {
      List<Iterator<T>> sources = new ArrayList<>();
      for (RunStore.Run run : runs) {
        sources.add(new RunReader(run));
      }
      sources.add(inMemory);
      merged = new Merge<>(sources, order);
    }
    return combine == null ? merged : new Combining<>(merged, order, combine);
  }

  @Override
  public void close() {
    for (AutoCloseable r : readers) {
      try {
        r.close();
      } catch (Exception e) {
        // nothing left to read from it
      }
    }
    readers.clear();
    deleteRuns();
    memory = new Object[16]; // not cleared: a shared() list may still read the old arrays
    keys = new long[16];
    encoded = null;
    starts = null;
    last = null;
    sharedArrays = false;
    held = 0;
    sorted = true;
    size = 0;
    forgetCursor();
  }

  /** Gives the runs back to their stores, which delete a file once none of its runs is left. */
  private void deleteRuns() {
    for (RunStore.Run run : runs) {
      run.free();
    }
    runs.clear();
  }

  /** Reads back the elements held encoded, in the order of their record offsets. */
  private final class HeldReader implements Iterator<T> {
    private final RunData.In in;
    private final int[] at;
    private int i;

    HeldReader(byte[] buf, int end, int[] at) {
      this.in = new RunData.In(buf, end);
      this.at = at;
    }

    @Override
    public boolean hasNext() {
      return i < at.length;
    }

    @Override
    public T next() {
      if (i == at.length) {
        throw new NoSuchElementException();
      }
      return decode(in, at[i++]);
    }
  }

  /** Reads one run back. */
  private final class RunReader implements Iterator<T> {
    private final RunData.In in;
    private T next;
    private boolean done;

    RunReader(RunStore.Run run) {
      try {
        in = new RunData.In(RunStore.open(run));
        readers.add(in); // closed at the end, or by close() when left unfinished
      } catch (IOException e) {
        throw new TemporaryFileException("cannot read a temporary file", e);
      }
      advance();
    }

    private void advance() {
      try {
        if (in.nextRecord()) {
          next = codec.read(in);
        } else {
          done = true;
          next = null;
          in.close();
          readers.remove(in);
        }
      } catch (EOFException e) {
        throw new TemporaryFileException("temporary file cut short", e);
      } catch (IOException e) {
        throw new TemporaryFileException("cannot read a temporary file", e);
      }
    }

    @Override
    public boolean hasNext() {
      return !done;
    }

    @Override
    public T next() {
      if (done) {
        throw new NoSuchElementException();
      }
      T v = next;
      advance();
      return v;
    }
  }

  /**
   * K-way merge; on a tie the earlier source wins, which keeps the sort stable. The sources'
   * current elements sit in a binary heap of source indices, ordered by key, then tie, then source.
   */
  static final class Merge<T> implements Iterator<T> {
    private final List<Iterator<T>> sources;
    private final Order<T> order;
    private final Object[] value;
    private final long[] key;
    private final SourceHeap heap;

    /** Where each source's element in the heap is encoded, when the sources encode. */
    private final byte[][] bytes;

    private final int[] starts;
    private final int[] ends;

    /** Where the element {@link #next()} returned last is encoded (encoding sources only). */
    byte[] lastBytes;

    int lastFrom;
    int lastTo;

    Merge(List<Iterator<T>> sources, Order<T> order) {
      this.sources = sources;
      this.order = order;
      int n = sources.size();
      value = new Object[n];
      key = new long[n];
      heap = new SourceHeap(n, this::before);
      bytes = new byte[n][];
      starts = new int[n];
      ends = new int[n];
      for (int i = 0; i < n; i++) {
        if (sources.get(i).hasNext()) {
          load(i);
          heap.add(i);
        }
      }
    }

    private void load(int source) {
      Iterator<T> from = sources.get(source);
      if (from instanceof ReadAhead<T> ahead) { // its key, computed by the thread that read it
        key[source] = ahead.key();
        value[source] = ahead.next();
        bytes[source] = ahead.lastBytes;
        starts[source] = ahead.lastFrom;
        ends[source] = ahead.lastTo;
        return;
      }
      T v = from.next();
      value[source] = v;
      key[source] = order.key().applyAsLong(v);
    }

    @SuppressWarnings("unchecked")
    private boolean before(int a, int b) {
      int c = order.compare(key[a], (T) value[a], key[b], (T) value[b]);
      return c != 0 ? c < 0 : a < b;
    }

    @Override
    public boolean hasNext() {
      return !heap.isEmpty();
    }

    @Override
    public T next() {
      if (heap.isEmpty()) {
        throw new NoSuchElementException();
      }
      int s = heap.top();
      @SuppressWarnings("unchecked")
      T v = (T) value[s];
      lastBytes = bytes[s];
      lastFrom = starts[s];
      lastTo = ends[s];
      if (sources.get(s).hasNext()) {
        load(s);
        heap.topChanged();
      } else {
        value[s] = null;
        heap.removeTop();
      }
      return v;
    }
  }

  /** Combines neighbours that compare equal. */
  private static final class Combining<T> implements Iterator<T> {
    private final Iterator<T> in;
    private final Order<T> order;
    private final BinaryOperator<T> combine;
    private T pending;

    Combining(Iterator<T> in, Order<T> order, BinaryOperator<T> combine) {
      this.in = in;
      this.order = order;
      this.combine = combine;
      pending = in.hasNext() ? in.next() : null;
    }

    @Override
    public boolean hasNext() {
      return pending != null;
    }

    @Override
    public T next() {
      if (pending == null) {
        throw new NoSuchElementException();
      }
      T current = pending;
      long k = order.key().applyAsLong(current);
      pending = null;
      while (in.hasNext()) {
        T v = in.next();
        if (order.compare(k, current, order.key().applyAsLong(v), v) == 0) {
          current = combine.apply(current, v);
        } else {
          pending = v;
          break;
        }
      }
      return current;
    }
  }
}
