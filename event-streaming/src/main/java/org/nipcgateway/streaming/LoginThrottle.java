package org.nipcgateway.streaming;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.nipcgateway.core.security.RateLimiter;

/**
 * Wrong MQTT passwords counted per key (a user name, or a client address) in the gateway's token
 * buckets ({@link RateLimiter}, as HTTP's): {@code perMinute} failures at once, refilled at that
 * rate. A key whose bucket ran dry is locked, and its logins refused unchecked, until the bucket
 * has a token again. Thread-safe: the broker's Netty threads call it.
 */
final class LoginThrottle {
  private static final int MAX_LOCKED = 50_000;

  private final RateLimiter failures;
  private final LongSupplier nanoTime;
  private final Map<String, Long> lockedUntil = new ConcurrentHashMap<>();

  LoginThrottle(int perMinute, LongSupplier nanoTime) {
    this.failures = new RateLimiter(perMinute / 60.0, perMinute, nanoTime);
    this.nanoTime = nanoTime;
  }

  boolean locked(String key) {
    Long until = lockedUntil.get(key);
    if (until == null) {
      return false;
    }
    if (until - nanoTime.getAsLong() > 0) {
      return true;
    }
    lockedUntil.remove(key, until);
    return false;
  }

  /** Counts a wrong password under the key, locking it when that was one too many. */
  void failed(String key) {
    long wait = failures.acquire(key);
    if (wait > 0) {
      long now = nanoTime.getAsLong();
      if (lockedUntil.size() >= MAX_LOCKED) {
        lockedUntil.values().removeIf(until -> until - now <= 0);
      }
      lockedUntil.put(key, now + TimeUnit.SECONDS.toNanos(wait));
    }
  }
}
