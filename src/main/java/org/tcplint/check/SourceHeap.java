package org.tcplint.check;

/**
 * The sources of a merge of sorted sources, as a binary heap of their indexes, the one whose next
 * element comes first on top: {@link SpillList.Merge} (a list's runs, a check's partitions) and
 * {@link Renumbering} (the partitions' streams by first frame). The order is the caller's, on the
 * sources' current elements; a source whose element changed is put back in place with {@link
 * #topChanged()}.
 */
final class SourceHeap {
  /** Whether source {@code a}'s current element comes before source {@code b}'s. */
  interface Before {
    boolean before(int a, int b);
  }

  private final int[] heap;
  private final Before before;
  private int count;

  SourceHeap(int sources, Before before) {
    this.heap = new int[sources];
    this.before = before;
  }

  /** Adds a source that has an element. */
  void add(int source) {
    int i = count++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before.before(source, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = source;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The source whose element comes first. */
  int top() {
    return heap[0];
  }

  /** The top source moved on to its next element: puts it in its place. */
  void topChanged() {
    down(0);
  }

  /** The top source has no more elements: takes it out. */
  void removeTop() {
    heap[0] = heap[--count];
    down(0);
  }

  private void down(int i) {
    if (count == 0) {
      return;
    }
    int s = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= count) {
        break;
      }
      if (child + 1 < count && before.before(heap[child + 1], heap[child])) {
        child++;
      }
      if (!before.before(heap[child], s)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = s;
  }
}
