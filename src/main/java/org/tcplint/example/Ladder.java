package org.tcplint.example;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation written as a ladder of segments, the way RFC figures draw them, e.g. {@code C S
 * 500 0 ; S SA 9000 501 ; C A 501 9001}. Each step: sender ({@code C} client 192.0.2.1:50000,
 * {@code S} server 198.51.100.7:80), flags (letters S F R P A U E C N, {@code .} for none), seq,
 * ack, then options: {@code len=N win=N mss=N ws=N sackperm ts=VAL/ECR tfo=COOKIELEN sleep=MICROS
 * dup mac=N urg=N opt=HEX res=N sack=L-R,L-R ecn=N doff=N sport=N dport=N badsum=N fill=HEX}.
 * {@code dup} repeats the previous frame byte for byte; {@code mac=N} sets the last byte of the
 * sender's Ethernet address; {@code urg} the urgent pointer; {@code opt} appends raw option bytes;
 * {@code res} sets the three reserved header bits; {@code sack} adds a SACK option with those
 * blocks; {@code ecn} sets the IP ECN field (1 ECT(1), 2 ECT(0), 3 CE); {@code doff} overrides the
 * data offset; {@code sport}/{@code dport} override the ports; {@code badsum} writes N as the TCP
 * checksum instead of the right one (every other segment gets right IPv4 and TCP checksums); {@code
 * fill=HEX} the value of every payload byte.
 */
public record Ladder(List<Step> steps) {

  /** One segment of the ladder. */
  public record Step(
      boolean fromClient,
      String flags,
      long seq,
      long ack,
      int len,
      int window,
      int mss,
      int wscale,
      boolean sackPerm,
      long tsVal,
      long tsEcr,
      boolean ts,
      int tfoCookie,
      long sleepMicros,
      boolean dup,
      int mac,
      int urgent,
      String rawOptions,
      int reserved,
      String sack,
      int ecn,
      int dataOffset,
      int srcPort,
      int dstPort,
      int badChecksum,
      int fill) {

    /** The step as written in a ladder. */
    public String text() {
      StringBuilder sb = new StringBuilder();
      sb.append(fromClient ? "C" : "S")
          .append(' ')
          .append(flags.isEmpty() ? "." : flags)
          .append(' ')
          .append(seq)
          .append(' ')
          .append(ack);
      if (len > 0) sb.append(" len=").append(len);
      if (window != 65535) sb.append(" win=").append(window);
      if (mss >= 0) sb.append(" mss=").append(mss);
      if (wscale >= 0) sb.append(" ws=").append(wscale);
      if (sackPerm) sb.append(" sackperm");
      if (ts) sb.append(" ts=").append(tsVal).append('/').append(tsEcr);
      if (tfoCookie >= 0) sb.append(" tfo=").append(tfoCookie);
      if (sleepMicros > 0) sb.append(" sleep=").append(sleepMicros);
      if (dup) sb.append(" dup");
      if (mac >= 0) sb.append(" mac=").append(mac);
      if (urgent > 0) sb.append(" urg=").append(urgent);
      if (!rawOptions.isEmpty()) sb.append(" opt=").append(rawOptions);
      if (reserved > 0) sb.append(" res=").append(reserved);
      if (!sack.isEmpty()) sb.append(" sack=").append(sack);
      if (ecn > 0) sb.append(" ecn=").append(ecn);
      if (dataOffset >= 0) sb.append(" doff=").append(dataOffset);
      if (srcPort >= 0) sb.append(" sport=").append(srcPort);
      if (dstPort >= 0) sb.append(" dport=").append(dstPort);
      if (badChecksum >= 0) sb.append(" badsum=").append(badChecksum);
      if (fill != 0) sb.append(" fill=").append(Integer.toHexString(fill));
      return sb.toString();
    }
  }

  public static Ladder parse(String text) {
    List<Step> steps = new ArrayList<>();
    for (String part : text.split(";")) {
      String[] t = part.trim().split("\\s+");
      if (t.length < 4) {
        throw new IllegalArgumentException("ladder step needs sender flags seq ack: " + part);
      }
      boolean client =
          switch (t[0]) {
            case "C" -> true;
            case "S" -> false;
            default -> throw new IllegalArgumentException("sender must be C or S: " + part);
          };
      String flags = t[1].equals(".") ? "" : t[1];
      int len = 0;
      int win = 65535;
      int mss = -1;
      int ws = -1;
      boolean sack = false;
      boolean ts = false;
      long tsVal = 0;
      long tsEcr = 0;
      int tfo = -1;
      long sleep = 0;
      boolean dup = false;
      int mac = -1;
      int urg = 0;
      String raw = "";
      int res = 0;
      String sackBlocks = "";
      int ecn = 0;
      int doff = -1;
      int sport = -1;
      int dport = -1;
      int badsum = -1;
      int fill = 0;
      for (int i = 4; i < t.length; i++) {
        String o = t[i];
        String v = o.contains("=") ? o.substring(o.indexOf('=') + 1) : "";
        switch (o.contains("=") ? o.substring(0, o.indexOf('=')) : o) {
          case "len" -> len = Integer.parseInt(v);
          case "win" -> win = Integer.parseInt(v);
          case "mss" -> mss = Integer.parseInt(v);
          case "ws" -> ws = Integer.parseInt(v);
          case "sackperm" -> sack = true;
          case "ts" -> {
            ts = true;
            tsVal = Long.parseLong(v.substring(0, v.indexOf('/')));
            tsEcr = Long.parseLong(v.substring(v.indexOf('/') + 1));
          }
          case "tfo" -> tfo = Integer.parseInt(v);
          case "sleep" -> sleep = Long.parseLong(v);
          case "dup" -> dup = true;
          case "mac" -> mac = Integer.parseInt(v);
          case "urg" -> urg = Integer.parseInt(v);
          case "opt" -> raw = v;
          case "res" -> res = Integer.parseInt(v);
          case "sack" -> sackBlocks = v;
          case "ecn" -> ecn = Integer.parseInt(v);
          case "doff" -> doff = Integer.parseInt(v);
          case "sport" -> sport = Integer.parseInt(v);
          case "dport" -> dport = Integer.parseInt(v);
          case "badsum" -> badsum = Integer.parseInt(v);
          case "fill" -> fill = Integer.parseInt(v, 16);
          default -> throw new IllegalArgumentException("unknown ladder option " + o);
        }
      }
      steps.add(
          new Step(
              client,
              flags,
              Long.parseLong(t[2]),
              Long.parseLong(t[3]),
              len,
              win,
              mss,
              ws,
              sack,
              tsVal,
              tsEcr,
              ts,
              tfo,
              sleep,
              dup,
              mac,
              urg,
              raw,
              res,
              sackBlocks,
              ecn,
              doff,
              sport,
              dport,
              badsum,
              fill));
    }
    return new Ladder(steps);
  }
}
