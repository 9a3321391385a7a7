package org.nipcgateway.core.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.nipcgateway.core.device.ScimNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: an SQLite file in the data directory, migrated with Flyway, with every
 * resource also held in memory so that reads never touch the disk.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: a commit is on disk before its future
 * completes, so a crash (even {@code kill -9} or power loss) never loses an acknowledged write and
 * never leaves half of a change set. All JDBC work runs on one dedicated worker thread, which also
 * keeps writes in the order they were submitted.
 *
 * <p>Commits that arrive while a transaction is being written share the next one ({@link
 * GroupCommit}): one fsync for up to {@value #MAX_BATCH} change sets. Each change set still commits
 * or fails as a whole: when the shared transaction fails, its change sets are written again one by
 * one, so that one bad change set fails alone.
 */
public final class SqliteResourceStore implements ResourceStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteResourceStore.class);
  private static final String DB_FILE = "registry.db";

  /**
   * Change sets per transaction at most: enough to absorb many concurrent writers, few enough that
   * a failed batch written again one by one stays short.
   */
  static final int MAX_BATCH = 64;

  private final ObjectMapper json = new ObjectMapper();
  private final WorkerExecutor worker;
  private final DataDirectory dataDirectory;
  private final StoreConnection db;
  private final List<Consumer<List<StoredResource>>> removalListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final MemoryIndex memory = new MemoryIndex();
  private volatile boolean open = true;

  /**
   * Set on the worker once the connection is closed. Commits accepted before {@link #close} are
   * still written (the close waits behind them on the worker); one that slipped in after must not
   * reopen the connection of a closed store.
   */
  private volatile boolean connectionClosed;

  /** Why the last write failed; null when it succeeded. Shown by {@link #health()}. */
  private volatile String writeFailure;

  private final AttributeSealer sealer;
  private final GroupCommit commits;
  private final ChangeSetWriter writer;

  /** Write transactions committed so far: how many fsyncs the writes cost. */
  private final AtomicLong transactions = new AtomicLong();

  private SqliteResourceStore(
      Vertx vertx,
      WorkerExecutor worker,
      DataDirectory dataDirectory,
      StoreConnection db,
      AttributeSealer sealer) {
    this.sealer = sealer;
    this.worker = worker;
    this.dataDirectory = dataDirectory;
    this.db = db;
    this.writer = new ChangeSetWriter(sealer);
    this.commits = new GroupCommit(vertx, worker, this::writeBatch, MAX_BATCH);
  }

  /**
   * Locks the data directory, migrates the schema and loads every resource into memory; secret
   * attributes are sealed on disk with {@code sealer}.
   */
  public static Future<ResourceStore> open(
      Vertx vertx, java.nio.file.Path dataDir, AttributeSealer sealer) {
    WorkerExecutor worker =
        vertx.createSharedWorkerExecutor("nipc-store-" + System.identityHashCode(dataDir), 1);
    return worker
        .<ResourceStore>executeBlocking(() -> openBlocking(vertx, worker, dataDir, sealer))
        .onFailure(e -> worker.close());
  }

  private static SqliteResourceStore openBlocking(
      Vertx vertx, WorkerExecutor worker, java.nio.file.Path dir, AttributeSealer sealer)
      throws SQLException {
    DataDirectory dataDirectory = DataDirectory.open(dir);
    try {
      refuseTruncatedDatabase(dataDirectory.path().resolve(DB_FILE));
      String url = "jdbc:sqlite:" + dataDirectory.path().resolve(DB_FILE);
      Flyway.configure()
          .dataSource(url, "", "")
          .locations("classpath:db/migration")
          .load()
          .migrate();
      // Flyway created a new database with the process's umask; SQLite gives the write-ahead log
      // and shared-memory files the database file's mode, so restrict it before they exist.
      dataDirectory.restrictContents();
      SqliteResourceStore store =
          new SqliteResourceStore(vertx, worker, dataDirectory, StoreConnection.open(url), sealer);
      store.loadAll();
      LOG.info("Store open at {} with {} resources", dataDirectory.path(), store.memory.size());
      return store;
    } catch (SQLException | RuntimeException e) {
      dataDirectory.close();
      throw e;
    }
  }

  /**
   * SQLite takes a zero-byte file for a new, empty database, and Flyway would then migrate it: a
   * registry truncated by a failed copy or a full disk would start as an empty one, silently. A
   * database that never existed has no file at all; one that is empty but for its write-ahead log
   * is SQLite's to recover.
   */
  private static void refuseTruncatedDatabase(java.nio.file.Path db) {
    java.nio.file.Path wal = db.resolveSibling(db.getFileName() + "-wal");
    try {
      if (java.nio.file.Files.exists(db)
          && java.nio.file.Files.size(db) == 0
          && (!java.nio.file.Files.exists(wal) || java.nio.file.Files.size(wal) == 0)) {
        throw new StoreException(
            db
                + " is empty (0 bytes): the registry was truncated or never written. Restore it"
                + " from a backup, or move it away to start with an empty registry.");
      }
    } catch (java.io.IOException e) {
      throw new StoreException("cannot read " + db + ": " + e.getMessage(), e);
    }
  }

  private void loadAll() throws SQLException {
    String sql =
        "SELECT id, resource_type, version, created, last_modified, attributes, secrets"
            + " FROM resource ORDER BY created, rowid";
    Connection connection = db.get();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      // Devices of one owner share one secrets node (nothing changes one in place).
      Map<ObjectNode, ObjectNode> sharedSecrets = new HashMap<>();
      while (rows.next()) {
        StoredResource row = row(rows);
        ObjectNode secrets = sharedSecrets.computeIfAbsent(row.secrets(), s -> s);
        StoredResource shared =
            new StoredResource(
                row.id(),
                row.resourceType(),
                row.version(),
                row.created(),
                row.lastModified(),
                row.attributes(),
                secrets);
        memory.put(shared.resourceType().equals(ScimNames.DEVICE) ? shared.packed() : shared);
      }
      connection.commit();
    }
  }

  /** One stored row; a row that cannot be read stops the start, naming the row. */
  private StoredResource row(ResultSet rows) throws SQLException {
    String id = rows.getString(1);
    String type = rows.getString(2);
    try {
      return new StoredResource(
          id,
          type,
          rows.getLong(3),
          Instant.parse(rows.getString(4)),
          Instant.parse(rows.getString(5)),
          sealer.open(parse(rows.getString(6), "attributes")),
          parse(rows.getString(7), "secrets"));
    } catch (RuntimeException e) {
      throw new StoreException(
          "the stored "
              + type
              + " with id "
              + id
              + " in "
              + DB_FILE
              + " cannot be read ("
              + e.getMessage()
              + "); restore the store from a backup, or delete that row to start without it",
          e);
    }
  }

  private ObjectNode parse(String text, String column) {
    try {
      return (ObjectNode) json.readTree(text);
    } catch (JsonProcessingException | ClassCastException | IllegalArgumentException e) {
      throw new StoreException("its " + column + " are not a JSON object");
    }
  }

  @Override
  public java.util.Set<String> resourceTypes() {
    return memory.types();
  }

  @Override
  public Future<Optional<StoredResource>> find(String id) {
    return Future.succeededFuture(memory.find(id));
  }

  @Override
  public Future<List<StoredResource>> findAll(String resourceType) {
    return Future.succeededFuture(memory.ofType(resourceType));
  }

  @Override
  public long changes(String resourceType) {
    return memory.changes(resourceType);
  }

  @Override
  public Future<Void> commit(ChangeSet changes) {
    if (!open) {
      return Future.failedFuture(new StoreException("store is closed"));
    }
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<StoredResource> removed = new ArrayList<>();
    for (String id : changes.deletes()) {
      memory.find(id).ifPresent(removed::add);
    }
    return commits
        .submit(changes)
        .onSuccess(
            v -> {
              if (!removed.isEmpty()) {
                removalListeners.forEach(l -> l.accept(List.copyOf(removed)));
              }
            });
  }

  @Override
  public Future<List<EngineRecord>> records(String kind) {
    if (!open) {
      return Future.failedFuture(new StoreException("store is closed"));
    }
    return worker.executeBlocking(() -> recordsBlocking(kind));
  }

  private List<EngineRecord> recordsBlocking(String kind) throws SQLException {
    Connection connection = db.get();
    List<EngineRecord> records = new ArrayList<>();
    String sql =
        "SELECT id, kind, owner_id, created, state FROM engine_state WHERE kind = ?"
            + " ORDER BY created, rowid";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, kind);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String id = rows.getString(1);
          try {
            records.add(
                new EngineRecord(
                    id,
                    rows.getString(2),
                    rows.getString(3),
                    Instant.parse(rows.getString(4)),
                    parse(rows.getString(5), "state")));
          } catch (RuntimeException e) {
            // One unreadable record must not keep the others (or the gateway) from starting.
            LOG.warn("Skipping the stored {} {}: {}", kind, id, e.getMessage());
          }
        }
      }
    } finally {
      connection.commit();
    }
    return records;
  }

  @Override
  public void onRemoval(Consumer<List<StoredResource>> listener) {
    removalListeners.add(listener);
  }

  /**
   * Writes a batch of change sets in one transaction; when that fails, writes them again one by one
   * (upserts and deletes are idempotent, so a batch that failed after all reached the disk is
   * written again harmlessly), so that each fails or succeeds on its own.
   */
  private List<RuntimeException> writeBatch(List<ChangeSet> batch) {
    if (connectionClosed) {
      return java.util.Collections.nCopies(batch.size(), new StoreException("store is closed"));
    }
    if (batch.size() > 1) {
      try {
        writer.write(db.get(), batch);
        transactions.incrementAndGet();
        batch.forEach(memory::apply);
        writeFailure = null;
        return java.util.Collections.nCopies(batch.size(), null);
      } catch (SQLException | RuntimeException e) {
        db.discard();
        LOG.debug(
            "A batch of {} writes failed, writing each alone: {}", batch.size(), e.getMessage());
      }
    }
    List<RuntimeException> outcomes = new ArrayList<>(batch.size());
    for (ChangeSet changes : batch) {
      try {
        commitBlocking(changes);
        outcomes.add(null);
      } catch (RuntimeException e) {
        outcomes.add(e);
      }
    }
    return outcomes;
  }

  /**
   * Writes the change set in one transaction. When that fails, the connection is replaced (see
   * {@link StoreConnection}) and the database asked what really happened: a change that is there
   * after all is acknowledged, one that is not fails (507 for a full disk), and the memory takes
   * the database's word for every resource the change touched.
   */
  private void commitBlocking(ChangeSet changes) {
    try {
      writer.write(db.get(), List.of(changes));
      transactions.incrementAndGet();
    } catch (SQLException e) {
      db.discard();
      boolean full = isFull(e);
      writeFailure = full ? "disk full" : "writes failing";
      if (wasWrittenAfterAll(changes)) {
        LOG.warn("A write reported failure but is in the store; acknowledged: {}", e.getMessage());
      } else {
        LOG.error("Store write failed ({}): {}", writeFailure, e.getMessage());
        throw full
            ? new StoreFullException("the store is full: " + e.getMessage(), e)
            : new StoreException("could not write to the store: " + e.getMessage(), e);
      }
    }
    memory.apply(changes);
    writeFailure = null;
  }

  /**
   * After a failed write, on a fresh connection: whether every put is stored at its version and
   * every delete gone. Resources the change touched whose rows say otherwise than the memory are
   * set to what the rows say, so reads never disagree with the database.
   */
  private boolean wasWrittenAfterAll(ChangeSet changes) {
    try {
      Connection connection = db.get();
      boolean all = true;
      boolean none = true;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT id, resource_type, version, created, last_modified, attributes, secrets"
                  + " FROM resource WHERE id = ?")) {
        for (StoredResource put : changes.puts()) {
          Optional<StoredResource> stored = stored(select, put.id());
          boolean written = stored.isPresent() && stored.get().version() == put.version();
          all &= written;
          none &= !written;
        }
        for (String id : changes.deletes()) {
          boolean gone = stored(select, id).isEmpty();
          all &= gone;
          none &= !gone;
        }
        // Engine records (enabled events, triggers, runs) are checked by their presence; one
        // transaction writes them with the resources, so they agree with them.
        try (PreparedStatement record =
            connection.prepareStatement("SELECT state FROM engine_state WHERE id = ?")) {
          for (EngineRecord put : changes.recordPuts()) {
            boolean written = recordState(record, put.id()).equals(put.state().toString());
            all &= written;
            none &= !written;
          }
          for (String id : changes.recordDeletes()) {
            boolean gone = recordState(record, id).isEmpty();
            all &= gone;
            none &= !gone;
          }
        }
        if (!all && !none) {
          LOG.error("A failed write left part of its change in the store; memory follows it");
          for (StoredResource put : changes.puts()) {
            follow(stored(select, put.id()), put.id());
          }
          for (String id : changes.deletes()) {
            follow(stored(select, id), id);
          }
        }
      }
      connection.commit();
      return all;
    } catch (SQLException | RuntimeException e) {
      db.discard();
      LOG.error("Cannot check the store after a failed write: {}", e.getMessage());
      return false;
    }
  }

  /** The stored state of an engine record, or "" when there is none. */
  private static String recordState(PreparedStatement select, String id) throws SQLException {
    select.setString(1, id);
    try (ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getString(1) : "";
    }
  }

  private Optional<StoredResource> stored(PreparedStatement select, String id) throws SQLException {
    select.setString(1, id);
    try (ResultSet rows = select.executeQuery()) {
      return rows.next() ? Optional.of(row(rows)) : Optional.empty();
    }
  }

  private void follow(Optional<StoredResource> stored, String id) {
    if (stored.isPresent()) {
      memory.put(ChangeSet.kept(stored.get()));
    } else {
      memory.remove(id);
    }
  }

  private static boolean isFull(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return (e.getErrorCode() & 0xff) == 13
        || message.contains("SQLITE_FULL")
        || message.contains("disk is full");
  }

  /**
   * {@code UP}, {@code DEGRADED} while writes fail (reads are still served; the next write tries a
   * fresh connection), or {@code DOWN} when closed.
   */
  @Override
  public String health() {
    return !open ? "DOWN" : writeFailure == null ? "UP" : "DEGRADED";
  }

  /**
   * Tests only: leaves the connection as SQLite leaves it after rolling back by itself on {@code
   * SQLITE_FULL}: no transaction open, though the driver believes one is.
   */
  Future<Void> loseTransaction() {
    return worker.executeBlocking(
        () -> {
          try (Statement statement = db.get().createStatement()) {
            statement.execute("ROLLBACK");
          }
          return null;
        });
  }

  @Override
  public long transactions() {
    return transactions.get();
  }

  /** Tests only: runs the task on the store's worker, ahead of the writes submitted after it. */
  Future<Void> onWorker(java.util.concurrent.Callable<Void> task) {
    return worker.executeBlocking(task);
  }

  /** Tests only: caps the database at its size plus this many pages, as a full disk would. */
  Future<Void> limitPages(long morePages) {
    return worker.executeBlocking(
        () -> {
          db.limitPages(morePages);
          return null;
        });
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public Future<Void> close() {
    if (!open) {
      return Future.succeededFuture();
    }
    open = false;
    return worker
        .<Void>executeBlocking(
            () -> {
              connectionClosed = true;
              try {
                db.close();
              } finally {
                dataDirectory.close();
              }
              LOG.info("Store closed");
              return null;
            })
        // Closing the executor from its own completion would wait on itself; let it go after.
        .onComplete(v -> worker.close());
  }
}
