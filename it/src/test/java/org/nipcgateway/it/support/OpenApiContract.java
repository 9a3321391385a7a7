package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.openapi.OpenApiModule;

/**
 * The gateway's OpenAPI document as a contract on every response the tests receive: the route and
 * method must be documented (or the answer is 404/405), the status must be one the operation lists
 * (or it has a default), the media type one it documents, required headers present, and a JSON body
 * valid against the documented schema.
 */
public final class OpenApiContract {
  private static final OpenApiContract DOCUMENT = load();

  private final JsonNode root;
  private final List<String> templates = new ArrayList<>();
  private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private OpenApiContract(JsonNode root) {
    this.root = root;
    root.path("paths").fieldNames().forEachRemaining(templates::add);
    // More literal segments first: /Devices/.search before /Devices/{id}.
    templates.sort((a, b) -> Long.compare(literals(b), literals(a)));
  }

  public static OpenApiContract document() {
    return DOCUMENT;
  }

  /** Fails with an AssertionError naming what the response does not match. */
  public void check(String method, String target, Reply reply) {
    String path = target.split("\\?", 2)[0];
    String template = templateFor(path);
    String where = method + " " + target + " -> " + reply.status();
    if (template == null) {
      require(reply.status() == 404, where + ": no documented route");
      return;
    }
    JsonNode item = resolve(root.path("paths").path(template));
    // HEAD is answered wherever GET is, as GET without a body (RFC 9110 section 9.3.2).
    boolean head = method.equalsIgnoreCase("HEAD");
    JsonNode operation = resolve(item.path(head ? "get" : method.toLowerCase(Locale.ROOT)));
    if (operation.isMissingNode()) {
      require(reply.status() == 405 || reply.status() == 404, where + ": method not documented");
      return;
    }
    JsonNode responses = operation.path("responses");
    String statusKey = String.valueOf(reply.status());
    if (!responses.has(statusKey)) {
      // Our documents use "default" for failures only.
      require(
          reply.status() >= 400 && responses.has("default"),
          where + ": status not documented for " + template);
      statusKey = "default";
    }
    JsonNode response = resolve(responses.path(statusKey));
    response
        .path("headers")
        .fields()
        .forEachRemaining(
            header ->
                require(
                    !resolve(header.getValue()).path("required").asBoolean(false)
                        || reply.header(header.getKey()) != null,
                    where + ": missing header " + header.getKey()));
    JsonNode content = response.path("content");
    if (head) {
      require(reply.text().isEmpty(), where + ": a HEAD answer has a body");
      return;
    }
    if (content.isMissingNode() || content.isEmpty()) {
      require(reply.text().isEmpty(), where + ": documented without a body, but has one");
      return;
    }
    String contentType = reply.header("Content-Type");
    require(contentType != null, where + ": no Content-Type");
    String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    require(content.has(mediaType), where + ": media type " + mediaType + " not documented");
    if (mediaType.endsWith("json")) {
      String key = template + " " + method + " " + statusKey + " " + mediaType;
      JsonSchema schema =
          compiled.computeIfAbsent(key, k -> compile(content.path(mediaType).path("schema")));
      Set<ValidationMessage> errors = schema.validate(reply.json());
      require(
          errors.isEmpty(),
          where + ": body does not match the schema: " + errors + "\n" + reply.text());
    }
  }

  private JsonSchema compile(JsonNode schema) {
    ObjectNode standalone = ((ObjectNode) schema).deepCopy();
    standalone.set("components", root.path("components"));
    return factory.getSchema(standalone);
  }

  private String templateFor(String path) {
    String[] segments = path.split("/", -1);
    for (String template : templates) {
      String[] parts = template.split("/", -1);
      if (parts.length != segments.length) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < parts.length && matches; i++) {
        matches = parts[i].startsWith("{") ? !segments[i].isEmpty() : parts[i].equals(segments[i]);
      }
      if (matches) {
        return template;
      }
    }
    return null;
  }

  private JsonNode resolve(JsonNode node) {
    while (node.has("$ref") && node.get("$ref").asText().startsWith("#/")) {
      node = root.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  private static long literals(String template) {
    long count = 0;
    for (Iterator<String> it = List.of(template.split("/")).iterator(); it.hasNext(); ) {
      if (!it.next().startsWith("{")) {
        count++;
      }
    }
    return count;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError("OpenAPI contract: " + message);
    }
  }

  private static OpenApiContract load() {
    try (InputStream in = OpenApiModule.class.getResourceAsStream(OpenApiModule.DOCUMENT)) {
      return new OpenApiContract(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
