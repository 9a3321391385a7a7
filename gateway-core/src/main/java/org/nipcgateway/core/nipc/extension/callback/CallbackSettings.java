package org.nipcgateway.core.nipc.extension.callback;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.nipc.link.Backoff;

/**
 * How callbacks are delivered and long operations kept, from the {@code nipc.extensions} config
 * section: {@code callbackCaFile} (PEM certificates that https callbacks are checked against
 * instead of the JVM's trust store), {@code callbackTimeoutMs} (longest one attempt may take,
 * default 10000), {@code callbackAttempts} (default 4), {@code callbackRetryDelayMs} (the first
 * wait between attempts, doubling up to 30 s, default 1000), {@code callbackMaxResponseBytes} (most
 * of a receiver's answer read, default 65536), {@code keepFinishedS} (how long a finished
 * operation's result can be fetched, default 600) and {@code maxOperations} (most operations kept
 * at once, default 1000).
 *
 * <p>For the durable outbox (event-streaming installed): {@code callbackRetryMaxDelayMs} (the cap
 * of the doubling wait, default 30000; attempts go on while the receiver is down), {@code
 * callbackQueueMaxBytes} (most bytes kept on disk per callback target, default 8 MiB) and {@code
 * callbackQueueMaxAgeS} (a callback not delivered within this long is dropped and counted, default
 * 7 days); beyond either bound the oldest go first. {@code callbackAttempts} then counts nothing:
 * it bounds the retries of a gateway without a durable outbox.
 */
public record CallbackSettings(
    Optional<Path> caFile,
    Duration timeout,
    int attempts,
    Backoff backoff,
    int maxResponseBytes,
    Duration keepFinished,
    int maxOperations,
    long queueMaxBytes,
    Duration queueMaxAge) {

  /** Reads the keys of the section (the caller rejects unknown keys of its parent afterwards). */
  public static CallbackSettings from(Settings extensions) {
    long retryDelay = extensions.longValue("callbackRetryDelayMs", 1000, 1, 30_000);
    long retryCap = extensions.longValue("callbackRetryMaxDelayMs", 30_000, retryDelay, 3_600_000);
    return new CallbackSettings(
        extensions.filePath("callbackCaFile"),
        Duration.ofMillis(extensions.longValue("callbackTimeoutMs", 10_000, 100, 120_000)),
        extensions.integer("callbackAttempts", 4, 1, 10),
        new Backoff(Duration.ofMillis(retryDelay), Duration.ofMillis(retryCap)),
        extensions.integer("callbackMaxResponseBytes", 65_536, 0, 1 << 20),
        Duration.ofSeconds(extensions.longValue("keepFinishedS", 600, 1, 86_400)),
        extensions.integer("maxOperations", 1000, 1, 100_000),
        extensions.longValue("callbackQueueMaxBytes", 8L << 20, 64L << 10, 1L << 34),
        Duration.ofSeconds(
            extensions.longValue("callbackQueueMaxAgeS", 7 * 86_400, 1, 365L * 86_400)));
  }
}
