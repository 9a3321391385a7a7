package org.nipcgateway.streaming.log;

import java.util.List;

/**
 * The next events to deliver, in order. Once they are delivered, acknowledging {@code
 * acknowledgeUpTo} removes them, and any expired ones skipped on the way, from the log.
 */
public record LogBatch(List<LogRecord> records, long acknowledgeUpTo, LogState state) {}
