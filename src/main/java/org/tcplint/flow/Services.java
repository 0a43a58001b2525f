package org.tcplint.flow;

import java.util.Arrays;

/**
 * IANA service names of well-known TCP ports, used in listings and to pick the server.
 *
 * <p>Looked up once or twice per conversation: the ports are a sorted array of a few cache lines
 * searched by halves, not a map of boxed keys whose entries lie all over the heap (each look-up
 * there missed the processor's cache a few times on a big capture).
 */
public final class Services {
  private static final Object[] TABLE = {
    20, "ftp-data",
    21, "ftp",
    22, "ssh",
    23, "telnet",
    25, "smtp",
    43, "whois",
    53, "domain",
    80, "http",
    110, "pop3",
    111, "sunrpc",
    119, "nntp",
    139, "netbios-ssn",
    143, "imap",
    179, "bgp",
    389, "ldap",
    443, "https",
    445, "microsoft-ds",
    465, "submissions",
    513, "login",
    514, "shell",
    587, "submission",
    636, "ldaps",
    853, "domain-s",
    873, "rsync",
    993, "imaps",
    995, "pop3s",
    1433, "ms-sql-s",
    1521, "ncube-lm",
    1883, "mqtt",
    2049, "nfs",
    3306, "mysql",
    3389, "ms-wbt-server",
    4222, "nats",
    5222, "xmpp-client",
    5432, "postgresql",
    5672, "amqp",
    6379, "redis",
    6667, "ircu",
    8080, "http-alt",
    8443, "pcsync-https",
    9092, "XmlIpcRegSvc",
    11211, "memcache",
    27017, "mongodb"
  };
  private static final int[] PORTS = new int[TABLE.length / 2];
  private static final String[] NAMES = new String[TABLE.length / 2];

  static {
    for (int i = 0; i < PORTS.length; i++) {
      PORTS[i] = (Integer) TABLE[2 * i];
      NAMES[i] = (String) TABLE[2 * i + 1];
      if (i > 0 && PORTS[i] <= PORTS[i - 1]) {
        throw new ExceptionInInitializerError("service ports out of order at " + PORTS[i]);
      }
    }
  }

  private Services() {}

  /** The service name of a port, or null. */
  public static String name(int port) {
    int i = Arrays.binarySearch(PORTS, port);
    return i < 0 ? null : NAMES[i];
  }

  public static boolean known(int port) {
    return Arrays.binarySearch(PORTS, port) >= 0;
  }
}
