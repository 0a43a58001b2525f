package org.tcplint.check;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Sorted lists read as one, merged as they are read: a capture's results are its partitions' sorted
 * lists, each renumbered on the way, never copied into one list first. Each pass over it merges
 * again (a k-way merge of the partitions' runs), which costs about what reading one list of all the
 * elements back would; {@link #close()} deletes the lists' temporary files.
 */
final class MergedList<T> extends SequentialList<T> implements AutoCloseable, EncodedElements<T> {
  private final List<SpillList<T>> lists;
  private final List<UnaryOperator<T>> maps;
  private final SpillList.Order<T> order;
  private final int size;
  private final java.util.concurrent.Executor readers;

  /** The stream numbers {@code maps} read, given up on {@link #close} (null: none). */
  private Renumbering streams;

  /**
   * @param lists sorted by {@code order}, also after {@code maps} (one per list, null: as it is)
   * @param readers where each list is read ahead ({@link ReadAhead}) while the merge consumes it,
   *     or null to read them on the merging thread
   */
  MergedList(
      List<SpillList<T>> lists,
      List<UnaryOperator<T>> maps,
      SpillList.Order<T> order,
      java.util.concurrent.Executor readers) {
    this(lists, maps, order, readers, null);
  }

  /**
   * @param streams the stream numbers {@code maps} read: in use until this list is closed
   */
  MergedList(
      List<SpillList<T>> lists,
      List<UnaryOperator<T>> maps,
      SpillList.Order<T> order,
      java.util.concurrent.Executor readers,
      Renumbering streams) {
    this.streams = streams == null ? null : streams.use();
    this.lists = lists;
    this.readers = readers;
    this.maps = maps;
    this.order = order;
    long n = 0;
    for (SpillList<T> l : lists) {
      n += l.size();
    }
    this.size = (int) Math.min(Integer.MAX_VALUE, n);
  }

  /**
   * The same lists for another thread to merge on its own (without reading ahead), when all their
   * elements are held in memory ({@link SpillList#shared}); null otherwise.
   */
  MergedList<T> shared() {
    if (streams != null && streams.inFile()) {
      return null; // its stream numbers go with it when it is closed
    }
    for (SpillList<T> l : lists) {
      if (l.runs() > 0) {
        return null;
      }
    }
    List<SpillList<T>> copies = new ArrayList<>(lists.size());
    for (SpillList<T> l : lists) {
      copies.add(l.shared());
    }
    return new MergedList<>(copies, maps, order, null);
  }

  @Override
  public Iterator<T> iterator() {
    if (lists.size() == 1) {
      return sources(false, null).get(0);
    }
    return new SpillList.Merge<>(sources(readers != null, null), order);
  }

  /**
   * Each list's elements, mapped; read ahead on {@link #readers} when {@code ahead}, and encoded
   * there by {@code encoder} when not null.
   */
  private List<Iterator<T>> sources(boolean ahead, Encoder<T> encoder) {
    List<Iterator<T>> sources = new ArrayList<>(lists.size());
    for (int i = 0; i < lists.size(); i++) {
      Iterator<T> it = lists.get(i).iterator();
      UnaryOperator<T> f = maps.get(i);
      if (f != null) {
        it = map(it, f);
      }
      sources.add(ahead ? new ReadAhead<>(it, order.key(), readers, encoder) : it);
    }
    return sources;
  }

  @Override
  public boolean encodedAhead() {
    return readers != null && lists.size() > 1;
  }

  @Override
  public void forEachEncoded(Encoder<T> encoder, Sink sink) throws java.io.IOException {
    if (!encodedAhead()) {
      throw new IllegalStateException("not read ahead");
    }
    SpillList.Merge<T> merge = new SpillList.Merge<>(sources(true, encoder), order);
    while (merge.hasNext()) {
      merge.next();
      sink.element(merge.lastBytes, merge.lastFrom, merge.lastTo);
    }
  }

  private static <T> Iterator<T> map(Iterator<T> in, UnaryOperator<T> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public T next() {
        return f.apply(in.next());
      }
    };
  }

  @Override
  public int size() {
    return size;
  }

  /**
   * The number of elements in each category, summed over the lists, or null when a list counts none
   * ({@link SpillList#tally()}).
   */
  long[] tally() {
    long[] sum = null;
    for (SpillList<T> l : lists) {
      long[] t = l.tally();
      if (t == null) {
        return null;
      }
      if (sum == null) {
        sum = t;
      } else {
        for (int i = 0; i < t.length; i++) {
          sum[i] += t[i];
        }
      }
    }
    return sum;
  }

  /** A new, empty list like the first list (same codec, order and limit). */
  SpillList<T> empty() {
    return lists.get(0).empty();
  }

  /** Runs written to temporary files by all the lists. */
  int runs() {
    int n = 0;
    for (SpillList<T> l : lists) {
      n += l.runs();
    }
    return n;
  }

  /** The first list's memory limit. */
  int limit() {
    return lists.get(0).limit();
  }

  @Override
  public void close() {
    for (SpillList<T> l : lists) {
      l.close();
    }
    Renumbering s;
    synchronized (this) {
      s = streams;
      streams = null; // closed once
    }
    if (s != null) {
      s.close();
    }
  }
}
