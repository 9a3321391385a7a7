package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.fleet.Fleet;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.OperatorTokens;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.TestIdentityProvider;

/**
 * Every route of the gateway's route table, called by every kind of caller: none, a wrong token, an
 * expired JWT, an operator token per role, a valid JWT, and endpoint apps linked and not linked to
 * the device, group or data app the request names. The expected answer follows from the route's
 * rule alone; a new route is in the table (the gateway does not start otherwise) and so is called
 * here with no further work.
 */
class AuthorizationMatrixTest {
  private static final String NS = "https://nipc-gateway.example/demo#/sdfObject";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static TestIdentityProvider idp;
  private static RunningGateway gateway;
  private static String device;
  private static String group;
  private static String telemetryLinkedId;
  private static final Map<String, Caller> callers = new LinkedHashMap<>();

  /**
   * Who calls, with which Authorization header, and how its rules come out. {@code operator}: an
   * operator token, which may change what any client registered (SDF models); endpoint apps and JWT
   * callers change only what they registered themselves.
   */
  private record Caller(
      String name,
      String authorization,
      boolean authenticated,
      Set<Role> roles,
      boolean endpointApp,
      boolean linked,
      boolean ownDataApp,
      boolean operator) {}

  @BeforeAll
  static void start() {
    idp = new TestIdentityProvider();
    Fleet demo = Fleet.demo().orElseThrow();
    gateway =
        RunningGateway.start(
            GatewayConfig.builder()
                .moduleSettings("radios", demo.radios())
                .moduleSettings(
                    "security", new io.vertx.core.json.JsonObject().put("jwt", idp.settings())));
    gateway.seed(demo);
    ScimClient scim = gateway.scim();
    device =
        scim.list("/Devices", "filter=" + enc("displayName eq \"Demo health thermometer\""))
            .path("Resources")
            .get(0)
            .path("id")
            .asText();
    ObjectNode controlLinked = app(scim, "deviceControl", "linked control");
    ObjectNode controlUnlinked = app(scim, "deviceControl", "unlinked control");
    ObjectNode telemetryLinked = app(scim, "telemetry", "linked telemetry");
    ObjectNode telemetryUnlinked = app(scim, "telemetry", "unlinked telemetry");
    telemetryLinkedId = telemetryLinked.path("id").asText();
    group =
        Links.group(scim, controlLinked.path("id").asText(), List.of(device, telemetryLinkedId));

    String dir = gateway.dataDir().toString();
    add(refused("no credentials", null));
    add(refused("wrong token", "Bearer nipcop_00000000_" + "A".repeat(43)));
    add(
        new Caller(
            "random token",
            "Bearer " + "x".repeat(43),
            false,
            Set.of(),
            false,
            false,
            false,
            false));
    add(refused("expired JWT", "Bearer " + idp.expired("onboarder", "provisioning control data")));
    add(
        refused(
            "JWT of another issuer",
            "Bearer "
                + idp.sign(
                    "x",
                    "provisioning",
                    java.time.Instant.now().plusSeconds(600),
                    "https://evil.test",
                    TestIdentityProvider.AUDIENCE)));
    for (Role role : Role.values()) {
      String token = OperatorTokens.create(gateway.dataDir(), role.label());
      add(
          new Caller(
              role.label() + " token",
              "Bearer " + token,
              true,
              Set.of(role),
              false,
              false,
              false,
              true));
    }
    add(
        new Caller(
            "JWT with every scope",
            "Bearer " + idp.token("enterprise-app", "provisioning control data"),
            true,
            Set.of(Role.values()),
            false,
            false,
            false,
            false));
    add(appCaller("control app, not linked", controlUnlinked, Role.CONTROL, false, false));
    add(appCaller("control app, linked", controlLinked, Role.CONTROL, true, false));
    add(appCaller("telemetry app, other data app", telemetryUnlinked, Role.DATA, false, false));
    add(appCaller("telemetry app, its own data app", telemetryLinked, Role.DATA, true, true));
    assertThat(dir).isNotEmpty();
  }

  /** A caller whose credentials must not be accepted. */
  private static Caller refused(String name, String authorization) {
    return new Caller(name, authorization, false, Set.of(), false, false, false, false);
  }

  private static Caller appCaller(
      String name, ObjectNode app, Role role, boolean linked, boolean ownDataApp) {
    return new Caller(
        name,
        "Bearer " + app.path("clientToken").asText(),
        true,
        Set.of(role),
        true,
        linked,
        ownDataApp,
        false);
  }

  private static void add(Caller caller) {
    callers.put(caller.name(), caller);
  }

  private static ObjectNode app(ScimClient scim, String type, String name) {
    return scim.create("/EndpointApps", EndpointApps.of(type, name));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    idp.close();
  }

  /** The answer a caller must get on a route: "401", "403" or "allowed". */
  private static String expected(RouteTable.Entry route, Caller caller) {
    AccessRule rule = route.rule();
    if (rule.isOpen()) {
      return "allowed";
    }
    if (!caller.authenticated()) {
      return "401";
    }
    if (caller.roles().stream().noneMatch(rule.roles()::contains)) {
      return "403";
    }
    // Changing or deleting the demo's model (an operator registered it): its registrant or an
    // operator only, whatever the route's role allows (issue 15, finding 1).
    if (changesAModel(route) && !caller.operator()) {
      return "403";
    }
    if (!caller.endpointApp()) {
      return "allowed";
    }
    return switch (rule.target()) {
      case NONE -> "allowed";
      case OPERATOR -> "403";
      case DEVICE, GROUP -> caller.linked() ? "allowed" : "403";
      case DATA_APP -> caller.ownDataApp() ? "allowed" : "403";
    };
  }

  @Test
  void every_route_answers_every_caller_as_its_rule_says() throws Exception {
    List<RouteTable.Entry> routes = gateway.routes();
    assertThat(routes).hasSizeGreaterThan(60);
    List<String> wrong = new ArrayList<>();
    int allowed = 0;
    int allowed2xx = 0;
    int denied = 0;
    for (RouteTable.Entry route : routes) {
      for (Caller caller : callers.values()) {
        String expected = expected(route, caller);
        HttpResponse<String> reply = call(route, caller);
        int status = reply.statusCode();
        boolean ok =
            switch (expected) {
              case "401" -> status == 401 && reply.body().contains("\"status\"");
              case "403" -> status == 403 && reply.body().contains("\"status\"");
              default -> status != 401 && status != 403 && status < 500;
            };
        if (!ok) {
          wrong.add(
              route.method()
                  + " "
                  + route.path()
                  + " as "
                  + caller.name()
                  + ": expected "
                  + expected
                  + ", got "
                  + status
                  + " "
                  + reply.body());
        }
        if (expected.equals("allowed")) {
          allowed++;
          allowed2xx += status / 100 == 2 ? 1 : 0;
        } else {
          denied++;
        }
      }
    }
    System.out.printf(
        "authorization matrix: %d routes x %d callers: %d denied as expected, %d allowed (%d of"
            + " them 2xx, the rest 4xx from the operation itself)%n",
        routes.size(), callers.size(), denied, allowed, allowed2xx);
    assertThat(wrong).isEmpty();
  }

  private static HttpResponse<String> call(RouteTable.Entry route, Caller caller) throws Exception {
    String path = concrete(route.path());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            .timeout(Duration.ofSeconds(30));
    if (caller.authorization() != null) {
      request.header("Authorization", caller.authorization());
    }
    String body = body(route);
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    if (body != null) {
      request.header("Content-Type", contentType(route.path()));
    }
    return HTTP.send(
        request.method(route.method().name(), publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The route's template with real ids, plus the query parameters the operation names. */
  private static String concrete(String template) {
    String path =
        template
            .replace("/nipc/devices/:id", "/nipc/devices/" + device)
            .replace("/nipc/extensions/:id", "/nipc/extensions/" + device)
            .replace("/nipc/groups/:id", "/nipc/groups/" + group)
            .replace("/nipc/extensions/:id", "/nipc/extensions/" + device)
            .replace("/ResourceTypes/:name", "/ResourceTypes/Device")
            .replace("/Schemas/:urn", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Device")
            // SCIM objects by id: one that does not exist, so no caller changes what others use.
            .replace(":id", "00000000-0000-0000-0000-000000000000");
    if (path.endsWith("/properties") || path.contains("/properties/read/conditional")) {
      return path + "?propertyName=" + enc(NS + "/thermometer/sdfProperty/temperatureType");
    }
    if (path.endsWith("/actions")) {
      return path + "?actionName=" + enc(NS + "/light/sdfAction/identify");
    }
    if (path.endsWith("/events")
        || path.endsWith("/triggers")
        || path.contains("/events/conditional")) {
      return path + "?eventName=" + enc(NS + "/thermometer/sdfEvent/temperatureMeasurement");
    }
    if (path.endsWith("/registrations/data-apps")) {
      return path + "?dataAppId=" + telemetryLinkedId;
    }
    if (path.endsWith("/registrations/models")) {
      // A model the seeding operator registered and a demo device uses: an operator's PUT of
      // "{}" is a 400 and its DELETE a 409, so no caller changes what the next one calls.
      return path + "?sdfName=" + enc(NS + "/thermometer");
    }
    return path;
  }

  private static boolean changesAModel(RouteTable.Entry route) {
    String method = route.method().name();
    return route.path().endsWith("/registrations/models")
        && (method.equals("PUT") || method.equals("DELETE"));
  }

  private static String body(RouteTable.Entry route) {
    return switch (route.method().name()) {
      case "POST", "PUT", "PATCH" -> "{}";
      default -> null;
    };
  }

  private static String contentType(String path) {
    if (path.startsWith("/scim")) {
      return "application/scim+json";
    }
    return path.startsWith("/nipc") ? "application/nipc+json" : "application/json";
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
