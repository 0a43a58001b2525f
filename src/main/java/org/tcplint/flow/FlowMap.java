package org.tcplint.flow;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The flow table's map from 4-tuple to conversation state: open addressing with linear probing, the
 * key's fields stored inline in one array (five longs per slot), so that a look-up reads one or two
 * cache lines instead of following a bucket, a node and a key object. Each slot's hash is kept in a
 * dense array of its own (0: empty slot), so that probing past other keys reads 4 bytes per slot
 * and the key fields only of a slot whose hash matches. Removal shifts the following entries back
 * (no tombstones). Not thread-safe.
 *
 * <p>A table of held conversations is mostly closed ones that linger: a few hundred open ones among
 * tens of thousands, each looked up for every segment. A small direct-mapped cache in front of the
 * table (the same key fields, slot by the low bits of the hash) keeps the keys found lately in a
 * few cache lines, so that the open conversations' look-ups do not miss the processor's cache on
 * the large table. An entry put or removed leaves the cache's slot of its hash empty.
 */
final class FlowMap {
  private static final int STRIDE = 5;
  private static final int MAX_CACHED = 1024; // slots of the cache: 52 KiB
  private long[] keys;
  private int[] hashes; // the slot's key hash, never 0; 0 marks an empty slot
  private Object[] values;
  private int mask;
  private int size;
  private long[] cacheKeys;
  private int[] cacheHashes; // 0: empty
  private Object[] cacheValues;
  private int cacheMask;

  FlowMap() {
    allocate(1 << 10);
  }

  private void allocate(int capacity) {
    keys = new long[capacity * STRIDE];
    hashes = new int[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
    int cached = Math.min(MAX_CACHED, capacity / 4);
    cacheKeys = new long[cached * STRIDE];
    cacheHashes = new int[cached];
    cacheValues = new Object[cached];
    cacheMask = cached - 1;
  }

  int size() {
    return size;
  }

  private static long last(FlowKey k) {
    return ((long) k.portA << 32) | ((long) k.portB << 8) | k.version;
  }

  /** The key's hash as stored in {@link #hashes}: never 0. */
  private static int stored(FlowKey k) {
    int h = k.hashCode();
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  private static boolean matches(long[] keys, int i, FlowKey k, long last) {
    int b = i * STRIDE;
    return keys[b + 4] == last
        && keys[b + 1] == k.a1
        && keys[b + 3] == k.b1
        && keys[b] == k.a0
        && keys[b + 2] == k.b0;
  }

  Object get(FlowKey k) {
    long last = last(k);
    int h = stored(k);
    int c = h & cacheMask;
    if (cacheHashes[c] == h && matches(cacheKeys, c, k, last)) {
      return cacheValues[c];
    }
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int x = hashes[i];
      if (x == 0) {
        return null;
      }
      if (x == h && matches(keys, i, k, last)) {
        System.arraycopy(keys, i * STRIDE, cacheKeys, c * STRIDE, STRIDE);
        cacheHashes[c] = h;
        Object v = values[i];
        cacheValues[c] = v;
        return v;
      }
    }
  }

  /** Empties the cache's slot for hash {@code h}, whichever key it holds. */
  private void forget(int h) {
    int c = h & cacheMask;
    if (cacheHashes[c] == h) {
      cacheHashes[c] = 0;
      cacheValues[c] = null;
    }
  }

  void put(FlowKey k, Object v) {
    if (v == null) {
      throw new IllegalArgumentException("null value");
    }
    long last = last(k);
    int h = stored(k);
    forget(h);
    int i = h & mask;
    for (; hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == h && matches(keys, i, k, last)) {
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
    hashes[i] = h;
    values[i] = v;
    if (++size * 2 > values.length) {
      grow();
    }
  }

  void remove(FlowKey k) {
    long last = last(k);
    int h = stored(k);
    forget(h);
    for (int i = h & mask; hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == h && matches(keys, i, k, last)) {
        delete(i);
        return;
      }
    }
  }

  /** Empties slot {@code i} and moves later entries of the probe run back into the gap. */
  private void delete(int i) {
    size--;
    int gap = i;
    for (int j = (gap + 1) & mask; hashes[j] != 0; j = (j + 1) & mask) {
      int home = hashes[j] & mask;
      // Move j into the gap when its home is not cyclically within (gap, j].
      boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
      if (!stays) {
        System.arraycopy(keys, j * STRIDE, keys, gap * STRIDE, STRIDE);
        hashes[gap] = hashes[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    hashes[gap] = 0;
    values[gap] = null;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldHashes = hashes;
    Object[] oldValues = values;
    allocate(oldValues.length * 2);
    for (int j = 0; j < oldValues.length; j++) {
      if (oldHashes[j] == 0) {
        continue;
      }
      int i = oldHashes[j] & mask;
      while (hashes[i] != 0) {
        i = (i + 1) & mask;
      }
      System.arraycopy(oldKeys, j * STRIDE, keys, i * STRIDE, STRIDE);
      hashes[i] = oldHashes[j];
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
        forget(hashes[i]);
        delete(i); // an entry may have moved into slot i: look at it again
      } else {
        i++;
      }
    }
  }

  void clear() {
    java.util.Arrays.fill(hashes, 0);
    java.util.Arrays.fill(values, null);
    java.util.Arrays.fill(cacheHashes, 0);
    java.util.Arrays.fill(cacheValues, null);
    size = 0;
  }
}
