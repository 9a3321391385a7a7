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

  ChangeSetWriter(AttributeSealer sealer) {
    this.sealer = sealer;
  }

  /** Writes the change sets, each in its order, and commits them as one transaction. */
  void write(Connection connection, List<ChangeSet> batch) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM resource WHERE id = ?");
        PreparedStatement upsertRecord = connection.prepareStatement(UPSERT_RECORD);
        PreparedStatement deleteRecord =
            connection.prepareStatement("DELETE FROM engine_state WHERE id = ?");
        PreparedStatement deleteOwned =
            connection.prepareStatement("DELETE FROM engine_state WHERE owner_id = ?")) {
      try {
        for (ChangeSet changes : batch) {
          addBatches(changes, upsert, delete, deleteOwned, upsertRecord, deleteRecord);
          upsert.executeBatch();
          delete.executeBatch();
          deleteOwned.executeBatch();
          upsertRecord.executeBatch();
          deleteRecord.executeBatch();
        }
      } catch (RuntimeException e) {
        // A change set that cannot even be encoded must not leave half of itself in the
        // transaction that the next write commits.
        connection.rollback();
        throw e;
      }
      connection.commit();
    }
  }

  private void addBatches(
      ChangeSet changes,
      PreparedStatement upsert,
      PreparedStatement delete,
      PreparedStatement deleteOwned,
      PreparedStatement upsertRecord,
      PreparedStatement deleteRecord)
      throws SQLException {
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
