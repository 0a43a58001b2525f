package org.tcplint.check;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.rules.Finding;

/**
 * One conversation of a checked capture as the rows of a ladder diagram: the capture is read again
 * and the segments of the conversation that the check numbered {@code stream} (its 4-tuple between
 * its first and last frame, so a later stream on the same 4-tuple stays apart) become {@link
 * LadderRow}s with Wireshark's relative numbers, each with the check's findings on its frame.
 *
 * @param conversation the conversation as the check reported it
 * @param rows the segments selected, in frame order
 * @param others the findings selected whose frame is not one of the rows (made at the end of the
 *     conversation, or on a frame the drawing leaves out), in the order of the report
 * @param error why reading stopped before the conversation's last frame, or null
 * @param omissions the segments left out beyond a row limit, where (none for a single ladder)
 */
public record LadderTrace(
    ConversationSummary conversation,
    List<LadderRow> rows,
    List<Finding> others,
    String error,
    List<Omission> omissions) {

  /**
   * {@code segments} segments of {@code bytes} payload bytes left out just before the row of frame
   * {@code beforeFrame} ({@link Long#MAX_VALUE}: after the last row).
   */
  public record Omission(long beforeFrame, long segments, long bytes) {}

  /** A capture that can be opened (again) from its start. */
  @FunctionalInterface
  public interface Source {
    Captures.Opened open() throws IOException, CaptureFormatException;

    /**
     * The capture opened to be cut into chunks whose records other threads decode, or null when it
     * is read on one thread only (too small, or not a file).
     */
    default Captures.Chunked chunked() throws IOException, CaptureFormatException {
      return null;
    }
  }

  /** A capture file (compressed or not). */
  public static Source file(Path path) {
    return new Source() {
      @Override
      public Captures.Opened open() throws IOException, CaptureFormatException {
        return Captures.open(path);
      }

      @Override
      public Captures.Chunked chunked() throws IOException, CaptureFormatException {
        return java.nio.file.Files.isRegularFile(path)
                && java.nio.file.Files.size(path) >= LadderCollector.CHUNKED_FROM
            ? Captures.openChunked(path, 0, 0, n -> {})
            : null;
      }
    };
  }

  /** A capture held in memory. */
  public static Source bytes(byte[] capture) {
    return () -> Captures.open(new ByteArrayInputStream(capture));
  }

  /**
   * What to draw of a conversation: the frames {@code firstFrame} to {@code lastFrame} (both
   * included) and the findings {@code keep} accepts.
   */
  public record Selection(long firstFrame, long lastFrame, Predicate<Finding> keep) {
    /** Every frame and every finding. */
    public static Selection all() {
      return new Selection(1, Long.MAX_VALUE, f -> true);
    }

    boolean frame(long number) {
      return number >= firstFrame && number <= lastFrame;
    }
  }

  /**
   * The ladder of stream {@code stream} of {@code result}, read from {@code source} (the capture
   * that was checked); empty when the check found no such stream.
   *
   * @throws IOException when the capture cannot be opened or read
   */
  public static Optional<LadderTrace> of(
      Source source, FileResult result, int stream, Selection selection) throws IOException {
    return Optional.ofNullable(
        of(source, result, java.util.Set.of(stream), selection, Integer.MAX_VALUE).get(stream));
  }

  /**
   * The ladders of the conversations of {@code result} whose streams are in {@code streams}, read
   * from {@code source} in one pass, each drawing what {@code selection} keeps with at most {@code
   * maxRows} rows: beyond them only the rows with a finding (and a few of the close) are kept, and
   * the others are counted in {@link #omissions}.
   *
   * @throws IOException when the capture cannot be opened or read
   */
  public static Map<Integer, LadderTrace> of(
      Source source,
      FileResult result,
      java.util.Set<Integer> streams,
      Selection selection,
      int maxRows)
      throws IOException {
    return of(source, result, streams, selection, maxRows, null);
  }

  /**
   * As {@link #of(Source, FileResult, java.util.Set, Selection, int)}, a big capture's records
   * decoded on {@code pool} (null: on this thread) in chunks that this thread cuts and takes in
   * order: the same ladders.
   *
   * @throws IOException when the capture cannot be opened or read
   */
  public static Map<Integer, LadderTrace> of(
      Source source,
      FileResult result,
      java.util.Set<Integer> streams,
      Selection selection,
      int maxRows,
      java.util.concurrent.Executor pool)
      throws IOException {
    List<ConversationSummary> chosen = new java.util.ArrayList<>();
    for (ConversationSummary c : result.conversations()) {
      if (streams.contains(c.stream())) {
        chosen.add(c);
      }
    }
    return chosen.isEmpty()
        ? Map.of()
        : LadderCollector.collect(source, result, chosen, selection, maxRows, pool);
  }

  /**
   * The stream of the conversation that frame {@code frame} belongs to; empty when the frame is not
   * a TCP segment of a conversation of {@code result}.
   *
   * @throws IOException when the capture cannot be opened or read
   */
  public static OptionalInt streamOf(Source source, FileResult result, long frame)
      throws IOException {
    return LadderCollector.streamOf(source, result, frame);
  }
}
