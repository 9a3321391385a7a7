package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.SchemaResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.Specs;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * Our schema documents define the same attributes, with the same types and plurality, as the JSON
 * schemas published with the drafts; where we deliberately differ (docs/decisions.md, entry 4) the
 * difference is listed here and nowhere else.
 */
class SchemaConformanceTest {
  private static final ScimSchemaCatalog CATALOG = ScimSchemaCatalog.load();

  /** The draft's JSON writes "bool" where RFC 7643 says "boolean". */
  private static final Map<String, String> TYPE_SPELLINGS = Map.of("bool", "boolean");

  static Stream<JsonNode> specSchemas() throws IOException {
    Path root = Specs.root();
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("scim-devices/SCIM_device_core_schema_representation.json"));
    files.add(root.resolve("scim-devices/SCIM_endpointApp_schema_representation.json"));
    try (Stream<Path> extensions = Files.list(root.resolve("scim-devices/extensions"))) {
      extensions.sorted().forEach(files::add);
    }
    files.add(root.resolve("sdf-protocol-mapping/scim/scim-sdf-extension.json"));
    List<JsonNode> schemas = new ArrayList<>();
    for (Path file : files) {
      JsonNode json = ScimClient.JSON.readTree(file.toFile());
      if (json.isArray()) {
        json.forEach(schemas::add);
      } else {
        schemas.add(json);
      }
    }
    return schemas.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specSchemas")
  void our_schema_has_every_attribute_of_the_draft_with_its_type_and_plurality(JsonNode spec) {
    SchemaResource ours =
        CATALOG
            .findSchema(spec.path("id").asText())
            .orElseThrow(() -> new AssertionError("no schema " + spec.path("id").asText()));
    compare(spec.path("id").asText(), spec.path("attributes"), ours.getAttributes());
  }

  private static void compare(
      String where, JsonNode specAttributes, Collection<AttributeDefinition> ours) {
    assertThat(ours).as(where).hasSameSizeAs(specAttributes);
    for (JsonNode spec : specAttributes) {
      String name = spec.path("name").asText();
      AttributeDefinition mine =
          ours.stream()
              .filter(a -> a.getName().equals(name))
              .findFirst()
              .orElseThrow(() -> new AssertionError(where + " lacks " + name));
      String type =
          TYPE_SPELLINGS.getOrDefault(spec.path("type").asText(), spec.path("type").asText());
      assertThat(mine.getType().getName().toLowerCase(Locale.ROOT))
          .as(where + ":" + name + " type")
          .isEqualTo(type.toLowerCase(Locale.ROOT));
      assertThat(mine.isMultiValued())
          .as(where + ":" + name + " multiValued")
          .isEqualTo(spec.path("multiValued").asBoolean());
      if (spec.has("subAttributes")) {
        compare(where + ":" + name, spec.path("subAttributes"), mine.getSubAttributes());
      }
    }
  }
}
