package org.tcplint.check;

/** One conversation as reported (cli.md JSON schema version 1, plus {@code stats}). */
public record ConversationSummary(
    int stream,
    String client,
    String server,
    String service,
    long firstFrame,
    long lastFrame,
    long packets,
    long bytes,
    String open,
    String close,
    int completeness,
    String connState,
    String history,
    Object windowScale,
    long firstTimeNanos,
    long lastTimeNanos,
    Stats stats) {

  /** This summary with another stream number (the rest unchanged). */
  public ConversationSummary withStream(int newStream) {
    return new ConversationSummary(
        newStream,
        client,
        server,
        service,
        firstFrame,
        lastFrame,
        packets,
        bytes,
        open,
        close,
        completeness,
        connState,
        history,
        windowScale,
        firstTimeNanos,
        lastTimeNanos,
        stats);
  }

  /** Both window scale shift counts, when both SYNs offered scaling. */
  public record Scales(int client, int server) {
    private static final Scales[] COMMON = new Scales[15 * 15];

    static {
      for (int i = 0; i < COMMON.length; i++) {
        COMMON[i] = new Scales(i / 15, i % 15);
      }
    }

    /** The scales {@code client} and {@code server}: one shared object for shifts 0 to 14. */
    public static Scales of(int client, int server) {
      return client >= 0 && client < 15 && server >= 0 && server < 15
          ? COMMON[client * 15 + server]
          : new Scales(client, server);
    }
  }

  /**
   * Per-direction statistics (the client's segments, the server's segments) and the handshake's
   * round trip (SYN to the ACK that completes it), 0 when not measured.
   */
  public record Stats(Direction client, Direction server, long irttNanos) {
    /** These statistics followed by those of the same conversation's late segments. */
    public Stats plus(Stats late, boolean sameOrientation) {
      Direction lc = sameOrientation ? late.client : late.server;
      Direction ls = sameOrientation ? late.server : late.client;
      return new Stats(
          client.plus(lc), server.plus(ls), irttNanos != 0 ? irttNanos : late.irttNanos);
    }
  }

  /**
   * What one side sent: segments (capture duplicates included) and payload bytes, retransmissions
   * by class, segments that filled a hole within the reordering time, duplicate ACKs, gaps opened,
   * capture duplicates skipped, and the largest and smallest window advertised on its non-SYN,
   * non-RST segments as sent (raw, -1 when none) with the shift that scales them (-1 when unknown).
   */
  public record Direction(
      long frames,
      long bytes,
      int retransmissions,
      int holeRetransmissions,
      int fastRetransmissions,
      int spuriousRetransmissions,
      int outOfOrder,
      int dupAcksSent,
      int gaps,
      int duplicates,
      long rawWindowMax,
      long rawWindowMin,
      int windowShift) {

    /** Nothing sent. */
    public static final Direction NONE = new Direction(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1);

    /** Retransmissions of every class. */
    public long allRetransmissions() {
      return (long) retransmissions
          + holeRetransmissions
          + fastRetransmissions
          + spuriousRetransmissions;
    }

    /** The window values are scaled (the shift is known; 0 when either SYN offered no scaling). */
    public boolean windowScaled() {
      return windowShift >= 0;
    }

    /** Largest window advertised, scaled when the shift is known; -1 when none was advertised. */
    public long windowMax() {
      return scaled(rawWindowMax);
    }

    /** Smallest window advertised, scaled when the shift is known; -1 when none was advertised. */
    public long windowMin() {
      return scaled(rawWindowMin);
    }

    private long scaled(long raw) {
      return raw < 0 || windowShift < 0 ? raw : raw << windowShift;
    }

    /** Counts added; windows over both; the shift of the first part when known. */
    public Direction plus(Direction late) {
      return new Direction(
          frames + late.frames,
          bytes + late.bytes,
          retransmissions + late.retransmissions,
          holeRetransmissions + late.holeRetransmissions,
          fastRetransmissions + late.fastRetransmissions,
          spuriousRetransmissions + late.spuriousRetransmissions,
          outOfOrder + late.outOfOrder,
          dupAcksSent + late.dupAcksSent,
          gaps + late.gaps,
          duplicates + late.duplicates,
          Math.max(rawWindowMax, late.rawWindowMax),
          rawWindowMin < 0
              ? late.rawWindowMin
              : late.rawWindowMin < 0 ? rawWindowMin : Math.min(rawWindowMin, late.rawWindowMin),
          windowShift >= 0 ? windowShift : late.windowShift);
    }
  }

  /** Seconds from the first to the last segment. */
  public double duration() {
    return (lastTimeNanos - firstTimeNanos) / 1e9;
  }
}
