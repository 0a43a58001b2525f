package org.tcplint.flow;

import java.util.Map;

/** IANA service names of well-known TCP ports, used in listings and to pick the server. */
public final class Services {
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(20, "ftp-data"),
          Map.entry(21, "ftp"),
          Map.entry(22, "ssh"),
          Map.entry(23, "telnet"),
          Map.entry(25, "smtp"),
          Map.entry(43, "whois"),
          Map.entry(53, "domain"),
          Map.entry(80, "http"),
          Map.entry(110, "pop3"),
          Map.entry(111, "sunrpc"),
          Map.entry(119, "nntp"),
          Map.entry(139, "netbios-ssn"),
          Map.entry(143, "imap"),
          Map.entry(179, "bgp"),
          Map.entry(389, "ldap"),
          Map.entry(443, "https"),
          Map.entry(445, "microsoft-ds"),
          Map.entry(465, "submissions"),
          Map.entry(513, "login"),
          Map.entry(514, "shell"),
          Map.entry(587, "submission"),
          Map.entry(636, "ldaps"),
          Map.entry(853, "domain-s"),
          Map.entry(873, "rsync"),
          Map.entry(993, "imaps"),
          Map.entry(995, "pop3s"),
          Map.entry(1433, "ms-sql-s"),
          Map.entry(1521, "ncube-lm"),
          Map.entry(1883, "mqtt"),
          Map.entry(2049, "nfs"),
          Map.entry(3306, "mysql"),
          Map.entry(3389, "ms-wbt-server"),
          Map.entry(4222, "nats"),
          Map.entry(5222, "xmpp-client"),
          Map.entry(5432, "postgresql"),
          Map.entry(5672, "amqp"),
          Map.entry(6379, "redis"),
          Map.entry(6667, "ircu"),
          Map.entry(8080, "http-alt"),
          Map.entry(8443, "pcsync-https"),
          Map.entry(9092, "XmlIpcRegSvc"),
          Map.entry(11211, "memcache"),
          Map.entry(27017, "mongodb"));

  private Services() {}

  /** The service name of a port, or null. */
  public static String name(int port) {
    return NAMES.get(port);
  }

  public static boolean known(int port) {
    return NAMES.containsKey(port);
  }
}
