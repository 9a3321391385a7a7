-- Registry resources (SCIM Devices, EndpointApps, Groups …) stored as JSON documents.
-- The gateway keeps a read model in memory; this table is the durable copy it is rebuilt from.
CREATE TABLE resource (
  id            TEXT    NOT NULL PRIMARY KEY,
  resource_type TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  created       TEXT    NOT NULL,
  last_modified TEXT    NOT NULL,
  attributes    TEXT    NOT NULL,
  secrets       TEXT    NOT NULL
);

CREATE INDEX resource_by_type ON resource (resource_type);
