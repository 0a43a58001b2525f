package org.tcplint.flow;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The flow table's map from 4-tuple to conversation state: open addressing with linear probing, the
 * key's fields stored inline in one array (five longs per slot), so that a look-up reads one or two
 * cache lines instead of following a bucket, a node and a key object. Removal shifts the following
 * entries back (no tombstones). Not thread-safe.
 */
final class FlowMap {
  private static final int STRIDE = 5;
  private long[] keys;
  private Object[] values;
  private int mask;
  private int size;

  FlowMap() {
    allocate(1 << 10);
  }

  private void allocate(int capacity) {
    keys = new long[capacity * STRIDE];
    values = new Object[capacity];
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  private static long last(FlowKey k) {
    return ((long) k.portA << 32) | ((long) k.portB << 8) | k.version;
  }

  private int slot(FlowKey k) {
    int h = k.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }

  private boolean matches(int i, FlowKey k, long last) {
    int b = i * STRIDE;
    return keys[b + 4] == last
        && keys[b + 1] == k.a1
        && keys[b + 3] == k.b1
        && keys[b] == k.a0
        && keys[b + 2] == k.b0;
  }

  Object get(FlowKey k) {
    long last = last(k);
    for (int i = slot(k); ; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (matches(i, k, last)) {
        return v;
      }
    }
  }

  void put(FlowKey k, Object v) {
    if (v == null) {
      throw new IllegalArgumentException("null value");
    }
    long last = last(k);
    int i = slot(k);
    for (; values[i] != null; i = (i + 1) & mask) {
      if (matches(i, k, last)) {
        values[i] = v;
        return;
      }
    }
    int b = i * STRIDE;
    keys[b] = k.a0;
    keys[b + 1] = k.a1;
    keys[b + 2] = k.b0;
    keys[b + 3] = k.b1;
    keys[b + 4] = last;
    values[i] = v;
    if (++size * 2 > values.length) {
      grow();
    }
  }

  void remove(FlowKey k) {
    long last = last(k);
    for (int i = slot(k); values[i] != null; i = (i + 1) & mask) {
      if (matches(i, k, last)) {
        delete(i);
        return;
      }
    }
  }

  /** Empties slot {@code i} and moves later entries of the probe run back into the gap. */
  private void delete(int i) {
    size--;
    int gap = i;
    for (int j = (gap + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int home = home(keys, j * STRIDE);
      // Move j into the gap when its home is not cyclically within (gap, j].
      boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
      if (!stays) {
        System.arraycopy(keys, j * STRIDE, keys, gap * STRIDE, STRIDE);
        values[gap] = values[j];
        gap = j;
      }
    }
    values[gap] = null;
  }

  /** The home slot, under the current mask, of the key stored at {@code b} in {@code table}. */
  private int home(long[] table, int b) {
    long last = table[b + 4];
    int h =
        FlowKey.hash(
            table[b],
            table[b + 1],
            table[b + 2],
            table[b + 3],
            (int) (last >>> 32),
            (int) ((last >>> 8) & 0xFFFF));
    return (h ^ (h >>> 16)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    allocate(oldValues.length * 2);
    for (int j = 0; j < oldValues.length; j++) {
      if (oldValues[j] == null) {
        continue;
      }
      int i = home(oldKeys, j * STRIDE);
      while (values[i] != null) {
        i = (i + 1) & mask;
      }
      System.arraycopy(oldKeys, j * STRIDE, keys, i * STRIDE, STRIDE);
      values[i] = oldValues[j];
    }
  }

  /** Every value, in slot order. */
  void forEachValue(Consumer<Object> action) {
    for (Object v : values) {
      if (v != null) {
        action.accept(v);
      }
    }
  }

  /** Removes the entries whose value {@code drop} accepts. */
  void removeValues(Predicate<Object> drop) {
    for (int i = 0; i < values.length; ) {
      Object v = values[i];
      if (v != null && drop.test(v)) {
        delete(i); // an entry may have moved into slot i: look at it again
      } else {
        i++;
      }
    }
  }

  void clear() {
    java.util.Arrays.fill(values, null);
    size = 0;
  }
}
