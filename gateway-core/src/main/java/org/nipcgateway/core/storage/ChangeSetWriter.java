package org.nipcgateway.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL of a write: puts and deletes of resources and engine records, each change set's
 * statements in its order, all committed as one transaction. Used on the store's worker only.
 */
final class ChangeSetWriter {
  private static final String UPSERT =
      "INSERT INTO resource (id, resource_type, version, created, last_modified, attributes, secrets)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
          + " resource_type = excluded.resource_type, version = excluded.version,"
          + " last_modified = excluded.last_modified, attributes = excluded.attributes,"
          + " secrets = excluded.secrets";

  private static final String UPSERT_RECORD =
      "INSERT INTO engine_state (id, kind, owner_id, created, state) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, owner_id = excluded.owner_id,"
          + " state = excluded.state";

  private final AttributeSealer sealer;

  /**
   * The statements, prepared once per connection: preparing five statements for every transaction
   * cost the store's worker more than binding a create's values. A fresh connection (after a failed
   * write) gets its own; the old ones went with the connection that closed them.
   */
  private Connection preparedFor;

  private Statements statements;

  private record Statements(
      PreparedStatement upsert,
      PreparedStatement delete,
      PreparedStatement deleteOwned,
      PreparedStatement upsertRecord,
      PreparedStatement deleteRecord) {
    static Statements prepare(Connection connection) throws SQLException {
      return new Statements(
          connection.prepareStatement(UPSERT),
          connection.prepareStatement("DELETE FROM resource WHERE id = ?"),
          connection.prepareStatement("DELETE FROM engine_state WHERE owner_id = ?"),
          connection.prepareStatement(UPSERT_RECORD),
          connection.prepareStatement("DELETE FROM engine_state WHERE id = ?"));
    }

    List<PreparedStatement> all() {
      return List.of(upsert, delete, deleteOwned, upsertRecord, deleteRecord);
    }
  }

  ChangeSetWriter(AttributeSealer sealer) {
    this.sealer = sealer;
  }

  /** Writes the change sets, each in its order, and commits them as one transaction. */
  void write(Connection connection, List<ChangeSet> batch) throws SQLException {
    Statements s = statementsFor(connection);
    try {
      for (ChangeSet changes : batch) {
        addBatches(changes, s);
        // Only the kinds of change this change set has: a create is one upsert, not five batches.
        if (!changes.puts().isEmpty()) {
          s.upsert().executeBatch();
        }
        if (!changes.deletes().isEmpty()) {
          s.delete().executeBatch();
          s.deleteOwned().executeBatch();
        }
        if (!changes.recordPuts().isEmpty()) {
          s.upsertRecord().executeBatch();
        }
        if (!changes.recordDeletes().isEmpty()) {
          s.deleteRecord().executeBatch();
        }
      }
    } catch (RuntimeException e) {
      // A change set that cannot even be encoded must not leave half of itself in the
      // transaction that the next write commits, nor its values in the kept statements.
      for (PreparedStatement statement : s.all()) {
        statement.clearBatch();
      }
      connection.rollback();
      throw e;
    }
    connection.commit();
  }

  private Statements statementsFor(Connection connection) throws SQLException {
    if (connection != preparedFor) {
      statements = Statements.prepare(connection);
      preparedFor = connection;
    }
    return statements;
  }

  private void addBatches(ChangeSet changes, Statements s) throws SQLException {
    PreparedStatement upsert = s.upsert();
    PreparedStatement delete = s.delete();
    PreparedStatement deleteOwned = s.deleteOwned();
    PreparedStatement upsertRecord = s.upsertRecord();
    PreparedStatement deleteRecord = s.deleteRecord();
    for (StoredResource r : changes.puts()) {
      upsert.setString(1, r.id());
      upsert.setString(2, r.resourceType());
      upsert.setLong(3, r.version());
      upsert.setString(4, r.created().toString());
      upsert.setString(5, r.lastModified().toString());
      upsert.setString(6, sealer.seal(r.attributes()).toString());
      upsert.setString(7, r.secrets().toString());
      upsert.addBatch();
    }
    for (String id : changes.deletes()) {
      delete.setString(1, id);
      delete.addBatch();
      // What the engine set up on a deleted device or group goes with it.
      deleteOwned.setString(1, id);
      deleteOwned.addBatch();
    }
    for (EngineRecord r : changes.recordPuts()) {
      upsertRecord.setString(1, r.id());
      upsertRecord.setString(2, r.kind());
      upsertRecord.setString(3, r.ownerId());
      upsertRecord.setString(4, r.created().toString());
      upsertRecord.setString(5, r.state().toString());
      upsertRecord.addBatch();
    }
    for (String id : changes.recordDeletes()) {
      deleteRecord.setString(1, id);
      deleteRecord.addBatch();
    }
  }
}
