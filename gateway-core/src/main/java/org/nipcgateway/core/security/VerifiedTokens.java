package org.nipcgateway.core.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens whose hash was already checked, with what they were found to stand for, so that a busy
 * client is not re-hashed (or, for client tokens, searched for among every app) on each request.
 * Bounded: the least recently used entry goes past {@code capacity}. Only a token that held is
 * kept; callers check on every use that what it stands for still exists unchanged, so a deleted app
 * or a revoked token is refused at once. Thread-safe.
 */
final class VerifiedTokens<V> {
  private final Map<String, V> entries;

  VerifiedTokens(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized V get(String token) {
    return entries.get(token);
  }

  synchronized void put(String token, V value) {
    entries.put(token, value);
  }

  synchronized void forget(String token) {
    entries.remove(token);
  }

  synchronized int size() {
    return entries.size();
  }
}
