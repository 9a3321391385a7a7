package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.CborCheck;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.SelfSignedCertificate;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/**
 * Webhook data apps get HTTPS POSTs of CBOR batches with their registered headers (retried when the
 * server fails); websocket data apps get binary frames over a connection the gateway opens; a
 * destination that stays down keeps its events queued and is shown down with its next retry.
 */
@RadioScenario
class NipcWebhookAndWebSocketTest {
  /**
   * The app servers start once for every row and stop after the last row's gateway: they outlive
   * each gateway, as they would in a deployment.
   */
  @RegisterExtension
  static final AfterAllCallback stopServers =
      context ->
          NipcWebhookAndWebSocketTest.vertx
              .close()
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);

  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @TempDir static Path dir;
  @Parameter RadioRow row;

  private static final String PRESSED = name("button", "sdfEvent", "pressed");
  private static Vertx vertx;
  private static HttpServer https;
  private static HttpServer ws;
  private static SelfSignedCertificate certificate;
  private static final List<byte[]> posts = new CopyOnWriteArrayList<>();
  private static final List<String> authorizations = new CopyOnWriteArrayList<>();
  private static final List<String> topics = new CopyOnWriteArrayList<>();
  private static final List<byte[]> frames = new CopyOnWriteArrayList<>();
  private static final List<String> upgradeTokens = new CopyOnWriteArrayList<>();
  private static final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
  private static final AtomicInteger webhookCalls = new AtomicInteger();

  @BeforeAll
  static void servers() throws Exception {
    certificate = SelfSignedCertificate.create(dir);
    vertx = Vertx.vertx();
    https =
        vertx
            .createHttpServer(certificate.serverOptions())
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              // The first call fails, so the gateway has to retry.
                              if (webhookCalls.incrementAndGet() == 1) {
                                request.response().setStatusCode(503).end();
                                return;
                              }
                              posts.add(body.getBytes());
                              authorizations.add(request.getHeader("Authorization"));
                              topics.add(request.getHeader("NIPC-Topic"));
                              assertThat(request.getHeader("Content-Type"))
                                  .isEqualTo("application/cbor");
                              request
                                  .response()
                                  .putHeader("Connection", "close")
                                  .setStatusCode(204)
                                  .end();
                            }))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    ws =
        vertx
            .createHttpServer()
            .webSocketHandler(
                socket -> {
                  upgradeTokens.add(socket.headers().get("X-Api-Key"));
                  sockets.add(socket);
                  socket.binaryMessageHandler(buffer -> frames.add(buffer.getBytes()));
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  /** What the servers received belongs to one row's gateway; the first webhook call fails again. */
  @BeforeParameterizedClassInvocation
  static void forgetEarlierRows() {
    webhookCalls.set(0);
    for (List<?> received :
        List.of(posts, authorizations, topics, frames, upgradeTokens, sockets)) {
      received.clear();
    }
  }

  private static void register(String id, String delivery, JsonObject settings) {
    Reply reply =
        demo.postJson(
            "/nipc/registrations/data-apps?dataAppId=" + id,
            new JsonObject()
                .put(
                    "events",
                    new io.vertx.core.json.JsonArray().add(new JsonObject().put("event", PRESSED)))
                .put(delivery, settings));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
  }

  private static JsonNode stats(String id) {
    return demo.client().get("/streaming").json().path("dataApps").path(id);
  }

  @Test
  void webhooks_and_websockets_receive_cbor_batches_with_their_headers() throws Exception {
    String webhook = demo.telemetryApp("Webhook app").path("id").asText();
    register(
        webhook,
        "webhook",
        new JsonObject()
            .put("URI", "https://127.0.0.1:" + https.actualPort() + "/events")
            .put("headers", new JsonObject().put("Authorization", "Bearer hook-secret"))
            .put("serverCACert", Files.readString(certificate.cert())));
    String socket = demo.telemetryApp("Websocket app").path("id").asText();
    register(
        socket,
        "websocket",
        new JsonObject()
            .put("URI", "ws://127.0.0.1:" + ws.actualPort() + "/stream")
            .put("headers", new JsonObject().put("X-Api-Key", "ws-secret")));
    String down = demo.telemetryApp("Unreachable app").path("id").asText();
    register(down, "webhook", new JsonObject().put("URI", "http://127.0.0.1:9/nobody-listens"));

    Reply enabled = demo.post(path(demo.button(), "events", "eventName", PRESSED));
    assertThat(enabled.status()).isEqualTo(201);
    demo.pressButton("AQ==");

    Eventually.eventually("the webhook got a batch", () -> !posts.isEmpty());
    Eventually.eventually("the websocket got a frame", () -> !frames.isEmpty());
    assertThat(authorizations).containsOnly("Bearer hook-secret");
    assertThat(upgradeTokens).containsOnly("ws-secret");
    assertThat(topics.get(0))
        .isEqualTo("data-app/" + webhook + "/demo/sdfObject/button/sdfEvent/pressed");
    JsonNode decoded =
        CborCheck.decode(
            List.of(
                HexFormat.of().formatHex(posts.get(0)), HexFormat.of().formatHex(frames.get(0))));
    for (JsonNode item : decoded) {
      assertThat(item.path("kind").asText()).isEqualTo("bleSubscription");
      assertThat(item.path("deviceID").asText()).isEqualTo(demo.button());
    }
    assertThat(stats(webhook).path("retries").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(stats(webhook).path("delivered").asInt()).isEqualTo(1);
    assertThat(stats(socket).path("delivered").asInt()).isEqualTo(1);

    // Nobody listens there: the event stays queued, retried, and the destination is shown down.
    Eventually.eventually(
        "the unreachable app's destination is shown down with its event queued",
        () ->
            stats(down).path("destination").path("state").asText().equals("down")
                && stats(down).path("retries").asInt() >= 2);
    assertThat(stats(down).path("queued").asInt()).isEqualTo(1);
    assertThat(stats(down).path("destination").path("nextRetryAt").asText()).isNotEmpty();
    assertThat(stats(down).path("oldestQueuedAgeSeconds").isNumber()).isTrue();
    assertThat(stats(webhook).path("queued").asInt()).isZero();
    assertThat(stats(webhook).path("destination").path("state").asText()).isEqualTo("up");

    demo.client().delete(enabled.header("Location"));
    // The app ends its connection. (A gateway stopping while a websocket app is still connected
    // has been seen to outlast its shutdown grace; see docs/decisions.md §10.)
    sockets.forEach(ServerWebSocket::close);
    Eventually.eventually(
        "the app's websocket is closed",
        () -> sockets.stream().allMatch(ServerWebSocket::isClosed));
  }
}
