package org.tcplint.check;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.BinaryOperator;
import java.util.function.ToIntFunction;

/**
 * An append-only list that is read back sorted, holding at most {@code limit} elements in memory:
 * beyond that, the elements held are sorted and written to a temporary file (a run), and reading
 * merges the runs. A capture's conversations and findings go here, so that the heap a check needs
 * does not grow with the length of the capture.
 *
 * <p>The sort is stable: elements that compare equal come back in the order they were added. With a
 * {@code combine} function, equal neighbours are combined into one (a conversation's late segments
 * into its summary); such additions are made with {@link #addLate} and do not count in {@link
 * #size()}.
 *
 * <p>Sequential access ({@link #iterator()}, {@code get(0)}, {@code get(1)}, …) is cheap; random
 * access re-reads from the start. The temporary files are deleted by {@link #close()} (and at
 * exit).
 */
public final class SpillList<T> extends AbstractList<T> implements AutoCloseable {

  /** Writes and reads one element. */
  public interface Codec<T> {
    void write(RunData.Out out, T value) throws IOException;

    T read(RunData.In in) throws IOException;
  }

  private final Codec<T> codec;
  private final Comparator<? super T> order;
  private final BinaryOperator<T> combine;
  private final int limit;
  private final ToIntFunction<? super T> category;
  private final long[] tally;
  private final List<T> memory = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final List<AutoCloseable> readers = new ArrayList<>();
  private boolean sorted = true;
  private int size;
  private Iterator<T> cursor;
  private int cursorIndex = -1;
  private T cursorValue;

  /**
   * @param combine merges an element with an equal later one, or null to keep both
   * @param limit elements held in memory before a run is written
   */
  public SpillList(
      Codec<T> codec, Comparator<? super T> order, BinaryOperator<T> combine, int limit) {
    this(codec, order, combine, limit, null, 0);
  }

  /**
   * A list that also counts its elements by {@code category} (0 to {@code categories} − 1), so that
   * the counts need no pass over the elements (see {@link #tally()}).
   */
  public SpillList(
      Codec<T> codec,
      Comparator<? super T> order,
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

  /** A new, empty list with the same codec, order, combine function, limit and categories. */
  public SpillList<T> empty() {
    return new SpillList<>(
        codec, order, combine, limit, category, tally == null ? 0 : tally.length);
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
    cursor = null;
    if (memory.size() >= limit) {
      spill();
    }
    memory.add(value);
    sorted = false;
  }

  /** Number of runs written to disk so far. */
  public int runs() {
    return runs.size();
  }

  private void spill() {
    sortMemory();
    try {
      Path file = Files.createTempFile("tcplint-", ".run");
      file.toFile().deleteOnExit();
      try (RunData.Out out = new RunData.Out(Files.newOutputStream(file))) {
        for (T v : memory) {
          out.writeBoolean(true);
          codec.write(out, v);
        }
        out.writeBoolean(false);
      }
      runs.add(file);
    } catch (IOException e) {
      throw new TemporaryFileException("cannot write a temporary file", e);
    }
    memory.clear();
    if (runs.size() >= MAX_RUNS) {
      compact();
    }
  }

  /** Most runs kept before they are merged into one (bounds the files open while reading). */
  static final int MAX_RUNS = 64;

  /** Merges all runs into one, in order (the merge is stable, so the result is too). */
  private void compact() {
    List<Iterator<T>> sources = new ArrayList<>();
    for (Path run : runs) {
      sources.add(new RunReader(run));
    }
    try {
      Path file = Files.createTempFile("tcplint-", ".run");
      file.toFile().deleteOnExit();
      try (RunData.Out out = new RunData.Out(Files.newOutputStream(file))) {
        Iterator<T> merged = new Merge<>(sources, order);
        while (merged.hasNext()) {
          out.writeBoolean(true);
          codec.write(out, merged.next());
        }
        out.writeBoolean(false);
      }
      for (Path run : runs) {
        Files.deleteIfExists(run);
      }
      runs.clear();
      runs.add(file);
    } catch (IOException e) {
      throw new TemporaryFileException("cannot write a temporary file", e);
    }
  }

  private void sortMemory() {
    if (!sorted) {
      memory.sort(order); // stable
      sorted = true;
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public T get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    if (cursor == null || index < cursorIndex) {
      cursor = iterator();
      cursorIndex = -1;
    }
    while (cursorIndex < index) {
      cursorValue = cursor.next();
      cursorIndex++;
    }
    return cursorValue;
  }

  @Override
  public Iterator<T> iterator() {
    sortMemory();
    Iterator<T> merged;
    if (runs.isEmpty()) {
      merged = memory.iterator();
    } else {
      List<Iterator<T>> sources = new ArrayList<>();
      for (Path run : runs) {
        sources.add(new RunReader(run));
      }
      sources.add(memory.iterator());
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
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException e) {
        // left to deleteOnExit
      }
    }
    runs.clear();
    memory.clear();
    size = 0;
    cursor = null;
  }

  /** Reads one run back. */
  private final class RunReader implements Iterator<T> {
    private final RunData.In in;
    private T next;
    private boolean done;

    RunReader(Path file) {
      try {
        in = new RunData.In(Files.newInputStream(file));
        readers.add(in); // closed at the end, or by close() when left unfinished
      } catch (IOException e) {
        throw new TemporaryFileException("cannot read a temporary file", e);
      }
      advance();
    }

    private void advance() {
      try {
        if (in.readBoolean()) {
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

  /** K-way merge; on a tie the earlier source wins, which keeps the sort stable. */
  static final class Merge<T> implements Iterator<T> {
    private record Head<T>(T value, int source) {}

    private final List<Iterator<T>> sources;
    private final PriorityQueue<Head<T>> heads;

    Merge(List<Iterator<T>> sources, Comparator<? super T> order) {
      this.sources = sources;
      this.heads =
          new PriorityQueue<>(
              Math.max(1, sources.size()),
              (a, b) -> {
                int c = order.compare(a.value(), b.value());
                return c != 0 ? c : Integer.compare(a.source(), b.source());
              });
      for (int i = 0; i < sources.size(); i++) {
        if (sources.get(i).hasNext()) {
          heads.add(new Head<>(sources.get(i).next(), i));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public T next() {
      Head<T> h = heads.poll();
      if (h == null) {
        throw new NoSuchElementException();
      }
      Iterator<T> src = sources.get(h.source());
      if (src.hasNext()) {
        heads.add(new Head<>(src.next(), h.source()));
      }
      return h.value();
    }
  }

  /** Combines neighbours that compare equal. */
  private static final class Combining<T> implements Iterator<T> {
    private final Iterator<T> in;
    private final Comparator<? super T> order;
    private final BinaryOperator<T> combine;
    private T pending;

    Combining(Iterator<T> in, Comparator<? super T> order, BinaryOperator<T> combine) {
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
      pending = null;
      while (in.hasNext()) {
        T v = in.next();
        if (order.compare(current, v) == 0) {
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
