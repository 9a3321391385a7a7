package org.nipcgateway.core.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the NIPC engine set up for an application and keeps across restarts: an enabled event,
 * a trigger, an action run.
 *
 * @param id the instance id applications know it by
 * @param kind what it is, e.g. {@code event}, {@code trigger}, {@code action}
 * @param ownerId the device or group it was set up on; deleting that resource deletes the record in
 *     the same transaction
 * @param state what the engine needs to set it up again, as JSON
 */
public record EngineRecord(
    String id, String kind, String ownerId, Instant created, ObjectNode state) {

  public EngineRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(created, "created");
    state = state.deepCopy();
  }
}
