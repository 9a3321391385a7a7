package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.fleet.Fleet;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * Malformed requests at every route of the route table, sent with a token that holds every role (so
 * they reach the handlers): broken paths and ids, junk query strings and SDF names, random headers
 * and bodies (bytes, truncated or deeply nested JSON, wrong types). Not one may get a 5xx, and none
 * may change stored data, and no answer may name a class, library or setting of the gateway's
 * insides; the gateway must be healthy afterwards.
 */
class MalformedRequestFuzzTest {
  private static final int TRIES = 10_000;
  private static RunningGateway gateway;
  private static List<RouteTable.Entry> routes;
  private static String device;
  private static String storedBefore;

  /** What only the gateway's insides say: a client's answer names no library, class or trace. */
  private static final List<String> INTERNAL_NAMES =
      List.of(
          "com.fasterxml",
          "java.",
          "io.vertx",
          "Exception",
          "com.unboundid",
          "org.nipcgateway",
          "StreamReadConstraints",
          "DeserializationFeature");

  private static final AtomicInteger sent = new AtomicInteger();
  private static final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

  /** One malformed request. */
  record Fuzzed(
      RouteTable.Entry route, String path, String query, String contentType, byte[] body) {}

  @BeforeContainer
  static void start() {
    Fleet demo = Fleet.demo().orElseThrow();
    gateway = RunningGateway.start(GatewayConfig.builder().moduleSettings("radios", demo.radios()));
    gateway.seed(demo);
    routes = gateway.routes();
    device = gateway.scim().list("/Devices", "").path("Resources").get(0).path("id").asText();
    storedBefore = stored();
  }

  @AfterContainer
  static void stop() {
    try {
      String health = gateway.scim().get("/health").text();
      String storedAfter = stored();
      System.out.printf(
          "fuzz: %d malformed requests, statuses %s; 5xx: %d; stored data changed: %s; health: %s%n",
          sent.get(),
          new java.util.TreeMap<>(statuses),
          statuses.entrySet().stream()
              .filter(e -> e.getKey() >= 500)
              .mapToInt(e -> e.getValue().get())
              .sum(),
          !storedAfter.equals(storedBefore),
          health);
      assertThat(sent.get()).isGreaterThanOrEqualTo(TRIES);
      assertThat(storedAfter).as("stored data").isEqualTo(storedBefore);
      assertThat(health).contains("\"status\":\"UP\"");
    } finally {
      gateway.close();
    }
  }

  /** Everything the gateway keeps: the registry's objects, models and data-app registrations. */
  private static String stored() {
    ScimClient scim = gateway.scim();
    StringBuilder all = new StringBuilder();
    for (String type : List.of("/Devices", "/EndpointApps", "/Groups")) {
      all.append(scim.list(type, "sortBy=id").toString());
    }
    all.append(scim.get("/nipc/registrations/models").text());
    return all.toString();
  }

  @Property(tries = TRIES, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void no_malformed_request_gets_a_server_error(@ForAll("requests") Fuzzed request)
      throws Exception {
    String target = request.path() + request.query();
    String reply =
        send(request.route().method().name(), target, request.contentType(), request.body());
    int status = Integer.parseInt(reply.substring(9, 12));
    sent.incrementAndGet();
    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    assertThat(status).as(request.route().method() + " " + target + " -> " + reply).isLessThan(500);
    assertThat(reply)
        .as(request.route().method() + " " + target + " answers with internal names")
        .doesNotContain(INTERNAL_NAMES.toArray(String[]::new));
  }

  /**
   * Sends the request as raw HTTP/1.1 over a socket: the JDK's client would refuse to send most of
   * these (bad percent escapes, control characters), and attackers are not so polite.
   */
  private static String send(String method, String target, String contentType, byte[] body)
      throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(30_000);
      StringBuilder head =
          new StringBuilder()
              .append(method)
              .append(' ')
              .append(target)
              .append(" HTTP/1.1\r\n")
              .append("Host: 127.0.0.1\r\n")
              .append("Authorization: Bearer ")
              .append(gateway.operatorToken())
              .append("\r\n")
              .append("Connection: close\r\n");
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      byte[] payload = body == null ? new byte[0] : body;
      head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
      var out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      byte[] answer = socket.getInputStream().readAllBytes();
      String text = new String(answer, StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.1 ")) {
        throw new AssertionError("no HTTP answer to " + method + " " + target + ": " + text);
      }
      return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
  }

  @Provide
  Arbitrary<Fuzzed> requests() {
    Arbitrary<RouteTable.Entry> route = Arbitraries.of(routes);
    return Combinators.combine(route, ids(), queries(), contentTypes(), bodies())
        .as((r, id, query, type, body) -> new Fuzzed(r, path(r.path(), id), query, type, body));
  }

  private static String path(String template, String id) {
    return template
        .replace(":name", id)
        .replace(":urn", id)
        .replace("/nipc/devices/:id", "/nipc/devices/" + (id.isEmpty() ? device : id))
        .replace("/nipc/extensions/:id", "/nipc/extensions/" + (id.isEmpty() ? device : id))
        .replace(":id", id.isEmpty() ? "x" : id);
  }

  /** Ids: empty (the real device), garbage, encoded junk, traversal, very long. */
  private static Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(40),
        Arbitraries.of("%00", "%ZZ", "..%2F..%2Fetc", "%E2%82", "null", "-1", "%20", "a%2Fb"),
        Arbitraries.strings()
            .ascii()
            .ofMinLength(1)
            .ofMaxLength(20)
            .map(MalformedRequestFuzzTest::pct),
        Arbitraries.strings().withChars('x').ofLength(3000));
  }

  private static Arbitrary<String> queries() {
    Arbitrary<String> name =
        Arbitraries.of(
            "propertyName",
            "actionName",
            "eventName",
            "instanceId",
            "dataAppId",
            "sdfName",
            "filter",
            "attributes",
            "count",
            "startIndex",
            "sortBy",
            "sortOrder",
            "junk");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.strings().ascii().ofMaxLength(30).map(MalformedRequestFuzzTest::pct),
            Arbitraries.of(
                "https://nipc-gateway.example/demo%23/sdfObject/thermometer/sdfProperty/",
                "https://example.com%23/sdfObject/%2F%2F",
                "%23%23%23",
                "urn:x",
                "-99999999999999999999",
                "displayName%20eq",
                "(((((((",
                "%FF%FE",
                "https://nipc-gateway.example/demo%23/sdfObject/light/sdfAction/on%00"));
    Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        pair.map(p -> "?" + p),
        pair.list().ofMinSize(2).ofMaxSize(5).map(l -> "?" + String.join("&", l)),
        Arbitraries.of("?", "?&&&", "?=", "?a=%", "?propertyName"));
  }

  private static Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        null,
        "application/json",
        "application/scim+json",
        "application/nipc+json",
        "application/sdf+json",
        "application/octet-stream",
        "text/plain",
        "application/json; charset=utf-16",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "garbage/");
  }

  private static Arbitrary<byte[]> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.just((byte[]) null),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
        Arbitraries.of(
                "{",
                "[",
                "{\"schemas\":",
                "null",
                "[]",
                "\"text\"",
                "1e999999",
                "{\"schemas\":[1,2],\"displayName\":{}}",
                "{\"Operations\":[{\"op\":\"remove\",\"path\":\"[[[\"}]}",
                "[{\"property\":{},\"value\":[]}]",
                "{\"events\":[{\"event\":null}],\"mqttClient\":\"yes\"}",
                "{\"action\":\"/devices/../../x\"}",
                "{\"namespace\":1,\"sdfObject\":[]}",
                "{\"retries\":-5,\"protocolInformation\":{\"ble\":{\"services\":\"x\"}}}",
                "{\"value\":\"AQ==\",\"maxRepeat\":1e9,\"callback\":{\"url\":\"gopher://x\"}}",
                "{\"value\":\"AQ==\",\"timeout\":-1,\"callback\":{\"headers\":[]}}",
                "\uFEFF{}",
                "{}{}",
                "[] 1",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":{}}",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"count\":\"x\"}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.integers()
            .between(50, 3000)
            .map(depth -> ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8)),
        Arbitraries.strings().ofMaxLength(100).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  private static String pct(String raw) {
    return java.net.URLEncoder.encode(raw, StandardCharsets.UTF_8);
  }
}
