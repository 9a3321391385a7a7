package org.nipcgateway.bench;

/**
 * One measured scenario: the client's figures, the server's CPU time per request over the same
 * interval, the server's VmRSS right after it, and what a single request answered before the run
 * (so a table of fast 401s cannot pass for a benchmark).
 */
record Row(
    String scenario,
    LoadResult load,
    double cpuMicrosPerRequest,
    long rssKib,
    int checkStatus,
    String checkBody) {}
