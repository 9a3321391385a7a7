package org.nipcgateway.core.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one JDBC connection, replaced by a fresh one after a failed write. After {@code
 * SQLITE_FULL} SQLite may roll the transaction back by itself, and the driver's own rollback then
 * fails ("cannot rollback - no transaction is active") while it still believes a transaction is
 * open: every later statement would be committed on its own while each commit failed. A new
 * connection has no such history. Used on the store's worker thread only.
 */
final class StoreConnection {
  private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

  private final String url;
  private Connection connection;
  private boolean broken;
  private long pageLimit;

  private StoreConnection(String url, Connection connection) {
    this.url = url;
    this.connection = connection;
  }

  static StoreConnection open(String url) throws SQLException {
    return new StoreConnection(url, connect(url, 0));
  }

  private static Connection connect(String url, long pageLimit) throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    try (Statement pragmas = connection.createStatement()) {
      pragmas.execute("PRAGMA journal_mode=WAL");
      pragmas.execute("PRAGMA synchronous=FULL");
      pragmas.execute("PRAGMA busy_timeout=5000");
      if (pageLimit > 0) {
        pragmas.execute("PRAGMA max_page_count=" + pageLimit);
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    connection.setAutoCommit(false);
    return connection;
  }

  /** The connection, a fresh one when the last write failed. */
  Connection get() throws SQLException {
    if (broken) {
      connection = connect(url, pageLimit);
      broken = false;
      LOG.info("Store connection reopened after a failed write");
    }
    return connection;
  }

  /** Drops the connection after a failed write, whatever state its transaction is in. */
  void discard() {
    broken = true;
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("Closing the failed store connection: {}", e.getMessage());
    }
  }

  /**
   * Caps the database at its current size plus {@code morePages}, as a full disk would; {@code
   * Long.MAX_VALUE} lifts it. For tests: SQLite answers {@code SQLITE_FULL} beyond it.
   */
  void limitPages(long morePages) throws SQLException {
    try (Statement statement = get().createStatement();
        var count = statement.executeQuery("PRAGMA page_count")) {
      long pages = count.getLong(1);
      pageLimit = morePages == Long.MAX_VALUE ? 0 : pages + morePages;
      statement.execute(
          "PRAGMA max_page_count=" + (pageLimit == 0 ? Integer.MAX_VALUE - 1L : pageLimit));
    }
  }

  void close() throws SQLException {
    if (!broken) {
      connection.close();
    }
  }
}
