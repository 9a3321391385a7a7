-- What the NIPC engine set up for applications (enabled events, triggers, action runs), so that a
-- restart brings it back. Each row belongs to the device or group it was set up on (owner_id):
-- deleting that resource deletes its rows in the same transaction.
CREATE TABLE engine_state (
  id         TEXT NOT NULL PRIMARY KEY,
  kind       TEXT NOT NULL,
  owner_id   TEXT NOT NULL,
  created    TEXT NOT NULL,
  state      TEXT NOT NULL
);

CREATE INDEX engine_state_by_kind ON engine_state (kind);
CREATE INDEX engine_state_by_owner ON engine_state (owner_id);
