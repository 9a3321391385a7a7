package org.nipcgateway.scim.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.nipcgateway.core.device.ScimNames;

/**
 * Every SCIM schema and resource type the registry knows, read from the JSON documents under {@code
 * /scim/} on the class path (our renditions of the device-model drafts).
 *
 * <p>Besides RFC 7643 schema characteristics the documents may carry two keywords of ours: {@code
 * pattern} (a regular expression every string value must match) and {@code enforceCanonicalValues}
 * (the canonical values are the only ones accepted). A top-level {@code "//"} key holds a note for
 * maintainers and is not served.
 */
public final class ScimSchemaCatalog {
  /** Pairing-method schemas nest inside the BLE extension object rather than the resource. */
  public static final String BLE_EXTENSION = ScimNames.BLE;

  private static final List<String> SCHEMA_FILES =
      List.of(
          "device",
          "endpoint-app",
          "group",
          "ble",
          "pairing-null",
          "pairing-just-works",
          "pairing-pass-key",
          "pairing-oob",
          "zigbee",
          "dpp",
          "ethernet-mab",
          "fdo",
          "endpoint-apps",
          "sdf");
  private static final Set<String> PAIRING_FILES =
      Set.of("pairing-null", "pairing-just-works", "pairing-pass-key", "pairing-oob");

  private final Map<String, SchemaResource> schemas = new LinkedHashMap<>();
  private final Map<String, ScimResourceType> resourceTypes = new LinkedHashMap<>();
  private final Map<String, ScimResourceType> pairingTypes = new LinkedHashMap<>();
  private final Map<String, String> aliases = new HashMap<>();
  private final List<AttributeRule> rules = new ArrayList<>();
  private final Map<String, List<Path>> uniqueByType = new HashMap<>();

  private ScimSchemaCatalog() {}

  /** Loads the catalog from the class path; a broken document is a build error, so it throws. */
  public static ScimSchemaCatalog load() {
    ScimSchemaCatalog catalog = new ScimSchemaCatalog();
    for (String file : SCHEMA_FILES) {
      SchemaResource schema = catalog.readSchema(read("/scim/schemas/" + file + ".json"));
      catalog.schemas.put(schema.getId(), schema);
      if (PAIRING_FILES.contains(file)) {
        catalog.pairingTypes.put(schema.getId(), catalog.pairingType(schema));
      }
    }
    for (JsonNode type : read("/scim/resource-types.json")) {
      catalog.addResourceType((ObjectNode) type);
    }
    read("/scim/schema-aliases.json")
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("//")) {
                catalog.aliases.put(e.getKey(), e.getValue().asText());
              }
            });
    return catalog;
  }

  private static JsonNode read(String resource) {
    try (InputStream in = ScimSchemaCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + resource);
      }
      return JsonUtils.getObjectReader().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  private SchemaResource readSchema(JsonNode document) {
    ObjectNode copy = (ObjectNode) document.deepCopy();
    copy.remove("//"); // a note for maintainers, not part of the schema
    String urn = copy.path("id").asText();
    collectRules(urn, "", (ArrayNode) copy.path("attributes"));
    try {
      return JsonUtils.getObjectReader().treeToValue(copy, SchemaResource.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("schema " + urn + " is not a valid SCIM schema", e);
    }
  }

  /** Records our extra keywords and removes them, so that the SDK sees plain RFC 7643. */
  private void collectRules(String urn, String parent, ArrayNode attributes) {
    for (JsonNode node : attributes) {
      ObjectNode attribute = (ObjectNode) node;
      String name =
          parent.isEmpty()
              ? attribute.path("name").asText()
              : parent + "." + attribute.path("name").asText();
      applyDefaults(attribute);
      JsonNode pattern = attribute.remove("pattern");
      JsonNode enforce = attribute.remove("enforceCanonicalValues");
      Set<String> enforced = new HashSet<>();
      if (enforce != null && enforce.asBoolean()) {
        attribute.path("canonicalValues").forEach(v -> enforced.add(v.asText()));
      }
      if (pattern != null || !enforced.isEmpty()) {
        rules.add(
            new AttributeRule(
                ScimPaths.of(urn + ":" + name),
                Optional.ofNullable(pattern).map(p -> Pattern.compile(p.asText())),
                Set.copyOf(enforced)));
      }
      if (attribute.has("subAttributes")) {
        collectRules(urn, name, (ArrayNode) attribute.get("subAttributes"));
      }
    }
  }

  /** Our documents omit characteristics that have their RFC 7643 section 2.2 default values. */
  private static void applyDefaults(ObjectNode attribute) {
    putIfAbsent(attribute, "multiValued", false);
    putIfAbsent(attribute, "required", false);
    putIfAbsent(attribute, "caseExact", false);
    if (!attribute.has("mutability")) {
      attribute.put("mutability", "readWrite");
    }
    if (!attribute.has("returned")) {
      attribute.put("returned", "default");
    }
    if (!attribute.has("uniqueness")) {
      attribute.put("uniqueness", "none");
    }
  }

  private static void putIfAbsent(ObjectNode attribute, String name, boolean value) {
    if (!attribute.has(name)) {
      attribute.put(name, value);
    }
  }

  private void addResourceType(ObjectNode json) {
    String name = json.path("name").asText();
    ResourceTypeDefinition.Builder builder =
        new ResourceTypeDefinition.Builder(name, json.path("endpoint").asText())
            .setId(json.path("id").asText())
            .setDescription(json.path("description").asText())
            .setCoreSchema(schema(json.path("schema").asText()));
    json.path("schemaExtensions")
        .forEach(e -> builder.addOptionalSchemaExtension(schema(e.asText())));
    List<String> typeAliases = new ArrayList<>();
    json.path("aliases").forEach(a -> typeAliases.add(a.asText()));
    resourceTypes.put(
        name,
        new ScimResourceType(
            name, json.path("endpoint").asText(), List.copyOf(typeAliases), builder.build()));
    uniqueByType.put(name, findUniqueAttributes(resourceTypes.get(name)));
  }

  private ScimResourceType pairingType(SchemaResource schema) {
    ResourceTypeDefinition definition =
        new ResourceTypeDefinition.Builder(schema.getName(), "/")
            .setCoreSchema(schema)
            .setDiscoverable(false)
            .build();
    return new ScimResourceType(schema.getName(), "/", List.of(), definition);
  }

  private SchemaResource schema(String urn) {
    SchemaResource schema = schemas.get(urn);
    if (schema == null) {
      throw new IllegalStateException("resource type names unknown schema " + urn);
    }
    return schema;
  }

  public Collection<SchemaResource> schemas() {
    return schemas.values();
  }

  public Optional<SchemaResource> findSchema(String urn) {
    return Optional.ofNullable(schemas.get(canonicalUrn(urn)));
  }

  public Collection<ScimResourceType> resourceTypes() {
    return resourceTypes.values();
  }

  public ScimResourceType resourceType(String name) {
    ScimResourceType type = resourceTypes.get(name);
    if (type == null) {
      throw new IllegalArgumentException("unknown resource type " + name);
    }
    return type;
  }

  /** The pairing-method schemas, by URN, each wrapped as a type so the SDK can check it. */
  public Map<String, ScimResourceType> pairingTypes() {
    return pairingTypes;
  }

  /** The URN we use for one that the drafts also spell another way. */
  public String canonicalUrn(String urn) {
    return aliases.getOrDefault(urn, urn);
  }

  public List<AttributeRule> rules() {
    return rules;
  }

  /** Attributes whose values must be unique among resources of a type ("server" uniqueness). */
  public List<Path> uniqueAttributes(ScimResourceType type) {
    return uniqueByType.getOrDefault(type.name(), List.of());
  }

  private static List<Path> findUniqueAttributes(ScimResourceType type) {
    List<Path> unique = new ArrayList<>();
    List<SchemaResource> all = new ArrayList<>();
    all.add(type.coreSchema());
    all.addAll(type.extensions());
    for (SchemaResource schema : all) {
      for (AttributeDefinition attribute : schema.getAttributes()) {
        if (attribute.getUniqueness() != AttributeDefinition.Uniqueness.NONE) {
          unique.add(ScimPaths.of(schema.getId() + ":" + attribute.getName()));
        }
      }
    }
    return List.copyOf(unique);
  }
}
