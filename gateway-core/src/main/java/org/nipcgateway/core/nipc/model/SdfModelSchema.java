package org.nipcgateway.core.nipc.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * The JSON Schema a model must satisfy to be registered ({@code nipc/sdf-model.schema.json}): the
 * SDF structure with a BLE or Zigbee protocol map on every affordance. Loading reads the class
 * path, so it belongs on a worker; validating is pure computation.
 */
public final class SdfModelSchema {
  private static final String RESOURCE = "classpath:nipc/sdf-model.schema.json";
  private static final int MAX_REPORTED = 5;

  private final JsonSchema schema;

  private SdfModelSchema(JsonSchema schema) {
    this.schema = schema;
  }

  public static SdfModelSchema load() {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of(RESOURCE));
    schema.initializeValidators();
    return new SdfModelSchema(schema);
  }

  /** Fails with a 400 naming (up to five of) the places where the model breaks the schema. */
  public void check(JsonNode model) {
    Set<ValidationMessage> errors = schema.validate(model);
    if (!errors.isEmpty()) {
      List<String> messages =
          errors.stream()
              .sorted(Comparator.comparing(ValidationMessage::getMessage))
              .limit(MAX_REPORTED)
              .map(ValidationMessage::getMessage)
              .toList();
      throw NipcException.badRequest(
          "the SDF model is not valid ("
              + errors.size()
              + " problem"
              + (errors.size() == 1 ? "" : "s")
              + "): "
              + String.join("; ", messages));
    }
  }
}
