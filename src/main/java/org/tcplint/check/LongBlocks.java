package org.tcplint.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An append-only list of longs that grows with the capture (a partition's streams' first frames,
 * the streams' numbers in the capture, the capture times of the freeing points), whose memory does
 * not: the longs are kept in blocks of {@link #blockSize}, the first {@link #heapBlocks} full ones
 * on the heap and the rest written to the check's temporary file ({@link RunStore}) as they fill. A
 * capture of tens of millions of conversations would otherwise hold 12 bytes per stream on the heap
 * to the end.
 *
 * <p>Filled by one thread at a time; once filled, {@link #get} may be called from any number of
 * threads (a list read while it is filled is held by a lock): the last blocks read back are cached
 * in a few slots, replaced without a lock (two threads that miss at once both read the block). A
 * block that cannot be read back is a {@link TemporaryFileException}. When a block cannot be
 * written (no temporary directory, a full disk), it and those after it stay on the heap, as a
 * {@link SpillList} keeps its elements then.
 */
final class LongBlocks implements AutoCloseable {
  /** Longs per block: 32 KiB. */
  static final int BLOCK = 4096;

  /** Full blocks kept on the heap before blocks go to the file: 256 KiB. */
  static final int HEAP_BLOCKS = 8;

  /** Longs per block and full blocks on the heap of the lists made from now on (for tests). */
  static volatile int[] sizing = {BLOCK, HEAP_BLOCKS};

  /** Blocks written to the file may be read back into this many slots at a time. */
  private static final int SLOTS = 4;

  private final RunStore store;
  private final int blockSize;
  private final int shift;
  private final int heapBlocks;

  /** Each full block: a {@code long[]} on the heap or a {@link RunStore.Run} in the file. */
  private final List<Object> blocks = new ArrayList<>();

  private long[] last;
  private int lastSize;
  private long size;
  private boolean inMemory;

  private record Cached(int block, long[] values) {}

  private final AtomicReferenceArray<Cached> cache = new AtomicReferenceArray<>(SLOTS);

  /** A list whose blocks beyond the heap's go to {@code store} (null: all on the heap). */
  LongBlocks(RunStore store) {
    this(store, sizing[0], sizing[1]);
  }

  /**
   * @param blockSize longs per block, a power of two
   * @param heapBlocks full blocks kept on the heap before blocks go to the file
   */
  LongBlocks(RunStore store, int blockSize, int heapBlocks) {
    if (Integer.bitCount(blockSize) != 1) {
      throw new IllegalArgumentException("block size " + blockSize + " is not a power of two");
    }
    this.store = store;
    this.blockSize = blockSize;
    this.shift = Integer.numberOfTrailingZeros(blockSize);
    this.heapBlocks = heapBlocks;
    this.last = new long[Math.min(blockSize, 64)];
  }

  long size() {
    return size;
  }

  /** Full blocks held on the heap (for tests). */
  int blocksOnHeap() {
    return blocks.size() - blocksInFile();
  }

  /** Blocks held in the temporary file. */
  int blocksInFile() {
    int n = 0;
    for (Object b : blocks) {
      if (b instanceof RunStore.Run) {
        n++;
      }
    }
    return n;
  }

  void add(long v) {
    if (lastSize == last.length) {
      if (lastSize == blockSize) {
        full();
      } else {
        last = java.util.Arrays.copyOf(last, Math.min(blockSize, Math.max(64, 2 * lastSize)));
      }
    }
    last[lastSize++] = v;
    size++;
  }

  /** Nothing more is added: the last block gives back the room it kept for more. */
  void trim() {
    if (lastSize < last.length) {
      last = java.util.Arrays.copyOf(last, lastSize);
    }
  }

  /** The last block is full: keeps it, on the heap or in the file. */
  private void full() {
    Object kept = last;
    if (store != null && !inMemory && blocks.size() >= heapBlocks) {
      RunStore.Run run = write(last);
      if (run != null) {
        kept = run;
      }
    }
    blocks.add(kept);
    last = kept instanceof long[] ? new long[blockSize] : last; // a written block's array is reused
    lastSize = 0;
  }

  private RunStore.Run write(long[] values) {
    byte[] bytes = new byte[values.length * Long.BYTES];
    ByteBuffer.wrap(bytes).asLongBuffer().put(values);
    try {
      return store.append(SpillList.directory(), out -> out.write(bytes));
    } catch (RunStore.CannotCreate | RunStore.CannotWrite e) {
      inMemory = true; // what comes later stays on the heap
      return null;
    }
  }

  /** Element {@code i} (below {@link #size}). */
  long get(long i) {
    int b = (int) (i >>> shift);
    int at = (int) i & (blockSize - 1);
    if (b == blocks.size()) {
      return last[at];
    }
    Object block = blocks.get(b);
    if (block instanceof long[] values) {
      return values[at];
    }
    int slot = b % SLOTS;
    Cached c = cache.get(slot);
    if (c == null || c.block() != b) {
      c = new Cached(b, read((RunStore.Run) block));
      cache.set(slot, c);
    }
    return c.values()[at];
  }

  private long[] read(RunStore.Run run) {
    byte[] bytes;
    try (InputStream in = RunStore.open(run)) {
      bytes = in.readNBytes(blockSize * Long.BYTES);
    } catch (IOException e) {
      throw new TemporaryFileException("cannot read a temporary file", e);
    }
    if (bytes.length < blockSize * Long.BYTES) {
      throw new TemporaryFileException(
          "temporary file cut short", new java.io.EOFException(bytes.length + " bytes of a block"));
    }
    long[] values = new long[blockSize];
    ByteBuffer.wrap(bytes).asLongBuffer().get(values);
    return values;
  }

  /** Gives the blocks in the file up; the list is not read after this. */
  @Override
  public void close() {
    for (int b = 0; b < blocks.size(); b++) {
      if (blocks.get(b) instanceof RunStore.Run run) {
        run.free();
        blocks.set(b, null);
      }
    }
  }
}
