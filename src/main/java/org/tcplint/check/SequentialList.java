package org.tcplint.check;

import java.util.AbstractList;
import java.util.Iterator;

/**
 * A list best read in order ({@link SpillList}, {@link MergedList}): {@link #get} moves one cursor
 * forward through {@link #iterator()}, so that {@code get(0)}, {@code get(1)}, … cost one step
 * each, and starts again from the first element only to go back.
 */
abstract class SequentialList<T> extends AbstractList<T> {
  private Iterator<T> cursor;
  private int cursorIndex = -1;
  private T cursorValue;

  /** Forgets the cursor: the list changed, the next {@link #get} starts from the first element. */
  final void forgetCursor() {
    cursor = null;
  }

  @Override
  public T get(int index) {
    if (index < 0 || index >= size()) {
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
}
