package org.nipcgateway.bench;

/**
 * What one closed-loop run measured from the client side. Latencies are in milliseconds; errors
 * count socket errors, timeouts and answers with a status of 400 or more.
 */
record LoadResult(
    long requests, double seconds, double p50Ms, double p99Ms, double p999Ms, long errors) {

  static final LoadResult NONE = new LoadResult(0, 0, 0, 0, 0, 0);

  double perSecond() {
    return seconds == 0 ? 0 : requests / seconds;
  }
}
