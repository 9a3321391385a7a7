package org.nipcgateway.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.nipcgateway.core.http.ApiModule;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.core.http.Preloaded;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * Serves the gateway's OpenAPI document at {@code /openapi.yaml} (as written) and {@code
 * /openapi.json} (converted once at start).
 */
public final class OpenApiModule implements ApiModule {
  /** Where the document lives on the class path. */
  public static final String DOCUMENT = "/openapi/nipc-gateway.yaml";

  private final Preloaded<Document> preloaded = new Preloaded<>(OpenApiModule::load);

  @Override
  public String name() {
    return "openapi";
  }

  /** It has no settings. */
  @Override
  public Set<String> configSections() {
    return Set.of();
  }

  @Override
  public void preload(Vertx vertx) {
    preloaded.start(vertx);
  }

  @Override
  public Future<Void> mount(Router router, GatewayContext context) {
    return preloaded
        .take(context.vertx())
        .map(
            document -> {
              // The API description is public: clients read it before they have credentials.
              RouteTable.Routes routes = context.routes().on(router, "");
              routes
                  .get("/openapi.yaml", AccessRule.open())
                  .handler(
                      ctx ->
                          ctx.response()
                              .putHeader("Content-Type", "application/yaml")
                              .end(document.yaml()));
              routes
                  .get("/openapi.json", AccessRule.open())
                  .handler(
                      ctx ->
                          ctx.response()
                              .putHeader("Content-Type", "application/json")
                              .end(document.json()));
              return null;
            });
  }

  private record Document(String yaml, String json) {}

  private static Document load() {
    try (InputStream in = OpenApiModule.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the class path");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String json =
          new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
      return new Document(yaml, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
