package org.tcplint.cli;

/** A usage error: exit code 2 with a message that names the problem. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
