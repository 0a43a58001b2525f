package org.tcplint.check;

import java.io.IOException;

/**
 * A result list whose elements a report can take already encoded: each partition's elements are
 * encoded, a block at a time, by the pool thread that reads them back and renumbers them, and the
 * thread that merges the partitions only compares keys and copies each element's bytes in order.
 * The elements never travel to a third thread to be encoded there.
 *
 * @param <T> the elements
 */
public interface EncodedElements<T> {
  /** Encodes elements on the thread that read them. */
  interface Encoder<T> {
    /**
     * Encodes {@code values[0, n)} one after another and sets {@code ends[i]} to where element
     * {@code i}'s bytes end (element {@code i} starts where {@code i - 1} ended, the first at 0).
     *
     * @param spare a buffer whose bytes are no longer needed, to write into when big enough, or
     *     null
     * @return the buffer written
     */
    byte[] encode(Object[] values, int n, int[] ends, byte[] spare) throws IOException;
  }

  /** Takes each element's bytes, in the list's order, on the calling thread. */
  interface Sink {
    void element(byte[] bytes, int from, int to) throws IOException;
  }

  /**
   * Whether the elements are read back ahead on a pool, so that encoding them there takes the work
   * off the calling thread; when not, a report encodes them as it reads them.
   */
  boolean encodedAhead();

  /** Hands every element's bytes, encoded by {@code encoder}, to {@code sink} in order. */
  void forEachEncoded(Encoder<T> encoder, Sink sink) throws IOException;
}
