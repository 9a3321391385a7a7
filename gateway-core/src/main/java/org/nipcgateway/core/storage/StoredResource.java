package org.nipcgateway.core.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored resource: its attributes as JSON plus the bookkeeping the store owns.
 *
 * @param id unique across all resource types
 * @param resourceType e.g. {@code Device}, {@code EndpointApp}, {@code Group}
 * @param version incremented by every change; the basis of ETags
 * @param attributes what clients may see (subject to the schema's "returned" rules)
 * @param secrets what no response may contain (token hashes); an empty object when none
 */
public record StoredResource(
    String id,
    String resourceType,
    long version,
    Instant created,
    Instant lastModified,
    ObjectNode attributes,
    ObjectNode secrets) {

  public StoredResource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(secrets, "secrets");
  }

  /** A deep copy, so that callers can change the JSON without touching what the store holds. */
  public StoredResource copy() {
    return new StoredResource(
        id,
        resourceType,
        version,
        created,
        lastModified,
        attributes.deepCopy(),
        secrets.deepCopy());
  }

  /** The next version of this resource with new attributes. */
  public StoredResource withAttributes(ObjectNode newAttributes, Instant now) {
    return new StoredResource(id, resourceType, version + 1, created, now, newAttributes, secrets);
  }
}
