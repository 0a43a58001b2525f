package org.tcplint.decode;

/**
 * One TCP option as listed by {@code tcplint packets} (allocated only for output). {@code kind} is
 * the name used in JSON ({@code mss}, {@code wscale}, {@code sack_perm}, {@code sack}, {@code
 * timestamp}, {@code tfo}, {@code md5}, {@code ao}, {@code mptcp}, {@code nop}, {@code eol}, {@code
 * experimental}, {@code unknown}); {@code code} the option kind number; {@code values} the decoded
 * numbers (MSS value; shift; SACK edges; TSval, TSecr; MPTCP subtype); {@code raw} the option data
 * bytes for cookies and unknown kinds; {@code error} a length problem or null.
 */
public record TcpOption(String kind, int code, long[] values, byte[] raw, String error) {}
