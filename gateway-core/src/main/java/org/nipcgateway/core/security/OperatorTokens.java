package org.nipcgateway.core.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks operator tokens against the token file while the gateway runs. {@code nipc-gateway token
 * create} writes the file from another process, so the gateway re-reads it when it changed: at most
 * once a second, and on a worker thread.
 */
public final class OperatorTokens {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorTokens.class);
  private static final long RECHECK_MILLIS = 1000;

  private final Vertx vertx;
  private final OperatorTokenFile file;
  private final Clock clock;
  private volatile Map<String, OperatorToken> byId = Map.of();
  private volatile FileTime loadedVersion;
  private volatile long lastCheckMillis;
  private volatile Future<Void> checking = Future.succeededFuture();

  /** Tokens already checked against the entry they matched; a reloaded file has new entries. */
  private final VerifiedTokens<OperatorToken> verified = new VerifiedTokens<>(1024);

  public OperatorTokens(Vertx vertx, OperatorTokenFile file, Clock clock) {
    this.vertx = vertx;
    this.file = file;
    this.clock = clock;
  }

  /** Whether the text is shaped like an operator token (and so is not worth checking elsewhere). */
  public static boolean looksLikeOne(String token) {
    return OperatorTokenFile.idOf(token).isPresent();
  }

  /** The caller a valid, unexpired token stands for; empty for any other token. */
  public Future<Optional<Principal>> authenticate(String token) {
    Optional<String> id = OperatorTokenFile.idOf(token);
    if (id.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    // An unknown id may be a token created a moment ago: look at the file again right away.
    Future<Void> ready = byId.containsKey(id.get()) ? fresh() : recheck();
    return ready.map(v -> check(byId.get(id.get()), token));
  }

  private Optional<Principal> check(OperatorToken entry, String token) {
    if (entry == null || !clock.instant().isBefore(entry.expires())) {
      return Optional.empty();
    }
    if (verified.get(token) != entry) {
      if (!OperatorTokenFile.matches(entry, token)) {
        return Optional.empty();
      }
      verified.put(token, entry);
    }
    return Optional.of(entry.principal());
  }

  /**
   * Completes once the cache reflects a file no more than a second old. Every guarded request asks,
   * so the answer within the second takes neither the lock nor an allocation.
   */
  private Future<Void> fresh() {
    if (clock.millis() - lastCheckMillis < RECHECK_MILLIS) {
      return checking;
    }
    synchronized (this) {
      return clock.millis() - lastCheckMillis < RECHECK_MILLIS ? checking : recheck();
    }
  }

  private synchronized Future<Void> recheck() {
    // The check before its time: whoever sees the new time sees this check, not the last one.
    Future<Void> started = vertx.executeBlocking(this::reloadIfChanged, false).mapEmpty();
    checking = started;
    lastCheckMillis = clock.millis();
    return started;
  }

  private Void reloadIfChanged() {
    try {
      FileTime version =
          Files.exists(file.path())
              ? Files.getLastModifiedTime(file.path())
              : FileTime.fromMillis(0);
      if (version.equals(loadedVersion)) {
        return null;
      }
      byId =
          file.read().stream()
              .collect(Collectors.toUnmodifiableMap(OperatorToken::id, Function.identity()));
      loadedVersion = version;
      LOG.debug("Loaded {} operator tokens", byId.size());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot read {}: {}", file.path(), e.getMessage());
    }
    return null;
  }
}
