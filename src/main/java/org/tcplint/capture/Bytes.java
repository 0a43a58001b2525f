package org.tcplint.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Absolute reads of unsigned integers from byte arrays in either byte order. */
public final class Bytes {
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private Bytes() {}

  /** Two ints in one long, {@code high} in its upper half ({@link #high}, {@link #low}). */
  public static long pair(int high, int low) {
    return ((long) high << 32) | (low & 0xFFFFFFFFL);
  }

  /** The upper int of a {@link #pair}. */
  public static int high(long pair) {
    return (int) (pair >> 32);
  }

  /** The lower int of a {@link #pair}. */
  public static int low(long pair) {
    return (int) pair;
  }

  public static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  public static int u16(byte[] b, int i) {
    return ((short) SHORT_BE.get(b, i)) & 0xFFFF;
  }

  public static int u16(byte[] b, int i, boolean bigEndian) {
    return ((short) (bigEndian ? SHORT_BE.get(b, i) : SHORT_LE.get(b, i))) & 0xFFFF;
  }

  /** 32-bit big-endian value as a Java int (callers treat it as unsigned where needed). */
  public static int i32(byte[] b, int i) {
    return (int) INT_BE.get(b, i);
  }

  public static int i32(byte[] b, int i, boolean bigEndian) {
    return bigEndian ? (int) INT_BE.get(b, i) : (int) INT_LE.get(b, i);
  }

  public static long u32(byte[] b, int i, boolean bigEndian) {
    return i32(b, i, bigEndian) & 0xFFFFFFFFL;
  }

  public static long u32(byte[] b, int i) {
    return i32(b, i) & 0xFFFFFFFFL;
  }
}
