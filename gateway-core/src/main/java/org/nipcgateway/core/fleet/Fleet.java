package org.nipcgateway.core.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;

/**
 * A fleet of simulated devices: the {@code radios} section that simulates them, the SDF {@code
 * models} they implement and their SCIM {@code devices}, in JSON or YAML. Given with {@code --fleet
 * FILE}, or the demo fleet that the simulators module ships.
 */
public record Fleet(JsonObject radios, List<JsonObject> models, List<JsonObject> devices) {
  /** Where the simulators module keeps the demo fleet on the class path. */
  public static final String DEMO_RESOURCE = "/nipc/demo-fleet.json";

  /** Reads a fleet file: JSON, or YAML when its name ends in {@code .yaml} or {@code .yml}. */
  public static Fleet read(Path file) {
    try {
      String text = Files.readString(file);
      String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        text = yamlToJson(text, file.toString());
      }
      return parse(text, file.toString());
    } catch (IOException e) {
      throw new ConfigException("cannot read fleet file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The demo fleet, when the simulators module is on the class path. */
  public static Optional<Fleet> demo() {
    try (InputStream in = Fleet.class.getResourceAsStream(DEMO_RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(
          parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the demo fleet"));
    } catch (IOException e) {
      throw new ConfigException("cannot read the demo fleet: " + e.getMessage(), e);
    }
  }

  private static Fleet parse(String text, String source) {
    try {
      JsonObject json = new JsonObject(text);
      return new Fleet(
          json.getJsonObject("radios", new JsonObject()),
          objects(json.getJsonArray("models", new JsonArray())),
          objects(json.getJsonArray("devices", new JsonArray())));
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException(source + " is not a valid fleet document: " + e.getMessage(), e);
    }
  }

  private static String yamlToJson(String yaml, String source) {
    try {
      return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
    } catch (IOException e) {
      throw new ConfigException(source + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> objects = new ArrayList<>();
    for (Object item : array) {
      objects.add((JsonObject) item);
    }
    return List.copyOf(objects);
  }
}
