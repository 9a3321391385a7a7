package org.nipcgateway.streaming;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.nipcgateway.streaming.log.LogLimits;

/**
 * How every data app's queue works: its log's bounds, where the logs live ({@code
 * <dataDir>/delivery/<app id>}), events per publication, the longest pause between attempts and how
 * many bytes of events may wait in memory for the log's worker ({@code maxPendingBytes}).
 */
record DeliverySettings(
    Path logRoot,
    LogLimits limits,
    int maxBatch,
    Duration maxRetryPause,
    long maxPendingBytes,
    Clock clock) {

  /** App ids are the registry's UUIDs; anything else is hex-encoded so it is a safe file name. */
  Path logDir(String dataAppId) {
    String name =
        dataAppId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
            ? dataAppId
            : "x" + HexFormat.of().formatHex(dataAppId.getBytes(StandardCharsets.UTF_8));
    return logRoot.resolve(name);
  }
}
