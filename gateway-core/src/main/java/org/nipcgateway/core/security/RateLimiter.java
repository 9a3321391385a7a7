package org.nipcgateway.core.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per client: each may make {@code burst} requests at once and {@code perSecond} on
 * average. A request over the limit is told how long to wait.
 */
public final class RateLimiter {
  private static final int MAX_CLIENTS = 50_000;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  public RateLimiter(double perSecond, double burst, LongSupplier nanoTime) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /** 0 when the request may go ahead; else the whole seconds to wait before the next one. */
  public long acquire(String client) {
    long now = nanoTime.getAsLong();
    if (buckets.size() > MAX_CLIENTS) {
      // Idle clients' buckets are full anyway; forgetting them forgives nobody anything.
      buckets.clear();
    }
    Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    synchronized (bucket) {
      double elapsed = (now - bucket.updated) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - bucket.tokens) / perSecond);
    }
  }
}
