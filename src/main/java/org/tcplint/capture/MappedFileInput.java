package org.tcplint.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A regular file read through memory-mapped regions: each read copies once, from the page cache
 * into the caller's array, where a stream read copies twice (the kernel into a native buffer, then
 * that into the array). A region is unmapped as soon as the next one is mapped, so the mapped part
 * of a file of many gigabytes stays at {@link #DEFAULT_REGION} at most. The file's size is taken
 * when it is opened (bytes appended later are not read); a file cut short while it is read ends
 * where it was cut, as a stream would.
 */
final class MappedFileInput extends InputStream {
  static final int DEFAULT_REGION = 32 << 20;

  private final FileChannel channel;
  private long size;
  private final int regionSize;
  private MappedByteBuffer region;
  private long regionStart; // file offset of region's byte 0
  private int regionPos;
  private int regionLength;

  MappedFileInput(Path path) throws IOException {
    this(path, DEFAULT_REGION);
  }

  MappedFileInput(Path path, int regionSize) throws IOException {
    if (regionSize <= 0) {
      throw new IllegalArgumentException("region size " + regionSize);
    }
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      this.size = channel.size();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    this.regionSize = regionSize;
  }

  /** Maps the region that follows the current one; false at the end of the file. */
  private boolean nextRegion() throws IOException {
    long start = regionStart + regionLength;
    if (start >= size) {
      return false;
    }
    unmap();
    int length = (int) Math.min(regionSize, size - start);
    region = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
    regionStart = start;
    regionLength = length;
    regionPos = 0;
    return true;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!channel.isOpen()) {
      throw new IOException("stream closed");
    }
    if ((region == null || regionPos == regionLength) && !nextRegion()) {
      return -1;
    }
    int n = Math.min(len, regionLength - regionPos);
    // A file cut short since it was opened ends where it now ends, as a stream would: touching a
    // mapped page beyond the end of the file is a fault, not an end of file.
    long now = channel.size();
    long at = regionStart + regionPos;
    if (now < at + n) {
      size = Math.min(size, now);
      if (now <= at) {
        return -1;
      }
      n = (int) (now - at);
    }
    try {
      region.get(regionPos, b, off, n);
    } catch (InternalError e) { // the JVM's report of a fault in mapped memory
      throw new IOException("the file was cut short while it was read", e);
    }
    regionPos += n;
    return n;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long position = regionStart + regionPos;
    long target = Math.min(size, position + n);
    if (region != null && target - regionStart <= regionLength) {
      regionPos = (int) (target - regionStart);
    } else {
      unmap();
      regionStart = target; // the next read maps from here
      regionLength = 0;
      regionPos = 0;
    }
    return target - position;
  }

  @Override
  public int available() {
    long left = size - (regionStart + regionPos);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, left));
  }

  @Override
  public void close() throws IOException {
    unmap();
    channel.close();
  }

  private void unmap() {
    MappedByteBuffer r = region;
    region = null;
    if (r != null && UNMAP != null) {
      try {
        UNMAP.invokeExact(r);
      } catch (Throwable e) { // unmapping is an optimisation: the collector unmaps otherwise
        if (e instanceof Error err && !(e instanceof InternalError)) {
          throw err;
        }
      }
    }
  }

  /**
   * {@code Unsafe.invokeCleaner(ByteBuffer)} bound to the instance, or null where the JDK does not
   * offer it (then a region is unmapped when the collector frees it).
   */
  private static final MethodHandle UNMAP = unmapHandle();

  private static MethodHandle unmapHandle() {
    try {
      Class<?> unsafe = Class.forName("sun.misc.Unsafe");
      java.lang.reflect.Field f = unsafe.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      Object instance = f.get(null);
      MethodHandle h =
          MethodHandles.lookup()
              .findVirtual(
                  unsafe, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class));
      return h.bindTo(instance).asType(MethodType.methodType(void.class, MappedByteBuffer.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
