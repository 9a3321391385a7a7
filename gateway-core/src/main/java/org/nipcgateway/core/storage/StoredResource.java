package org.nipcgateway.core.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored resource: its attributes as JSON plus the bookkeeping the store owns. A value: equal
 * when every part is, never changed once made (callers copy JSON before changing it).
 *
 * <p>A {@link #packed} resource keeps its attributes as compact bytes ({@link PackedJson}) and
 * parses them on every {@link #attributes()} call, for holders of many resources that read few of
 * them at a time (the SCIM registry's in-memory index): a device tree costs about 2 KB of heap, its
 * packed text about 150 bytes.
 *
 * @param id unique across all resource types
 * @param resourceType e.g. {@code Device}, {@code EndpointApp}, {@code Group}
 * @param version incremented by every change; the basis of ETags
 * @param attributes what clients may see (subject to the schema's "returned" rules)
 * @param secrets what no response may contain (token hashes); an empty object when none
 */
public final class StoredResource {
  private final String id;
  private final String resourceType;
  private final long version;
  private final Instant created;
  private final Instant lastModified;
  private final ObjectNode attributes;
  private final byte[] packedAttributes;
  private final ObjectNode secrets;

  public StoredResource(
      String id,
      String resourceType,
      long version,
      Instant created,
      Instant lastModified,
      ObjectNode attributes,
      ObjectNode secrets) {
    this(
        id,
        resourceType,
        version,
        created,
        lastModified,
        Objects.requireNonNull(attributes, "attributes"),
        null,
        secrets);
  }

  private StoredResource(
      String id,
      String resourceType,
      long version,
      Instant created,
      Instant lastModified,
      ObjectNode attributes,
      byte[] packedAttributes,
      ObjectNode secrets) {
    this.id = Objects.requireNonNull(id, "id");
    this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
    this.version = version;
    this.created = Objects.requireNonNull(created, "created");
    this.lastModified = Objects.requireNonNull(lastModified, "lastModified");
    this.attributes = attributes;
    this.packedAttributes = packedAttributes;
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  public String id() {
    return id;
  }

  public String resourceType() {
    return resourceType;
  }

  public long version() {
    return version;
  }

  public Instant created() {
    return created;
  }

  public Instant lastModified() {
    return lastModified;
  }

  /** The attributes; of a packed resource, parsed anew by every call (so a copy of its own). */
  public ObjectNode attributes() {
    return attributes != null ? attributes : PackedJson.unpack(packedAttributes);
  }

  /** Attributes the caller may change: a copy, made the cheapest way. */
  public ObjectNode attributesToChange() {
    return attributes != null ? attributes.deepCopy() : PackedJson.unpack(packedAttributes);
  }

  public boolean isPacked() {
    return packedAttributes != null;
  }

  public ObjectNode secrets() {
    return secrets;
  }

  /**
   * The same resource with its attributes packed. Its secrets node is the same one, not a copy:
   * equal secrets (the owner most devices have in common) may share one node, as nothing changes a
   * secrets node in place.
   */
  public StoredResource packed() {
    return new StoredResource(
        id,
        resourceType,
        version,
        created,
        lastModified,
        null,
        packedAttributes != null ? packedAttributes : PackedJson.pack(attributes),
        secrets);
  }

  /** A deep copy, so that callers can change the JSON without touching what the store holds. */
  public StoredResource copy() {
    return new StoredResource(
        id, resourceType, version, created, lastModified, attributesToChange(), secrets.deepCopy());
  }

  /** The next version of this resource with new attributes. */
  public StoredResource withAttributes(ObjectNode newAttributes, Instant now) {
    return new StoredResource(id, resourceType, version + 1, created, now, newAttributes, secrets);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredResource r
        && id.equals(r.id)
        && resourceType.equals(r.resourceType)
        && version == r.version
        && created.equals(r.created)
        && lastModified.equals(r.lastModified)
        && attributes().equals(r.attributes())
        && secrets.equals(r.secrets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, resourceType, version, created, lastModified);
  }

  @Override
  public String toString() {
    return "StoredResource[id="
        + id
        + ", resourceType="
        + resourceType
        + ", version="
        + version
        + ", created="
        + created
        + ", lastModified="
        + lastModified
        + ", attributes="
        + attributes()
        + ", secrets=<"
        + secrets.size()
        + " members>]";
  }
}
