package org.nipcgateway.core.nipc.problem;

/**
 * One kind of NIPC failure: its type URI, HTTP status and title (RFC 9457).
 *
 * @param uri e.g. {@code https://www.iana.org/assignments/nipc-problem-types#invalid-id}
 */
public record ProblemType(String name, String uri, int status, String title) {

  /** RFC 9457's type for failures that have no more specific one. */
  public static ProblemType generic(int status, String title) {
    return new ProblemType("about:blank", "about:blank", status, title);
  }
}
