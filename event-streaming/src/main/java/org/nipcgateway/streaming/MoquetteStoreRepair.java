package org.nipcgateway.streaming;

import io.moquette.broker.ISessionsRepository;
import io.moquette.persistence.H2Builder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What Moquette 0.17 does to its store at a clean stop, done before it starts after an unclean one
 * ({@code kill -9}, a power cut). It writes a persistent session's expiry time into its H2 store
 * only when it stops; a session stored without one makes its next start throw ("Can't track for
 * expiration a session without expiry instant"), so a gateway killed while any app held a
 * persistent session would not start again. Sessions without an expiry get the one Moquette would
 * have written (now plus their expiry interval). Blocking: call before starting the broker.
 */
final class MoquetteStoreRepair {
  /** The file Moquette's {@link H2Builder} keeps its store in. */
  static final String STORE_FILE = "moquette_store.h2";

  private MoquetteStoreRepair() {}

  /** Answers how many sessions were given an expiry time. */
  static int giveSessionsAnExpiry(Path store, Clock clock) {
    if (!Files.isRegularFile(store.resolve(STORE_FILE))) {
      return 0;
    }
    // H2Builder schedules its periodic commit here; closing the store commits anyway.
    ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
    try {
      H2Builder h2 = new H2Builder(unused, store, 3600, clock).initStore();
      try {
        ISessionsRepository sessions = h2.sessionsRepository();
        int repaired = 0;
        for (ISessionsRepository.SessionData session : List.copyOf(sessions.list())) {
          if (session.expireAt().isEmpty()) {
            sessions.saveSession(session.withExpirationComputed());
            repaired++;
          }
        }
        return repaired;
      } finally {
        h2.closeStore();
      }
    } finally {
      unused.shutdownNow();
    }
  }
}
