package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nipcgateway.it.support.CallbackReceiver;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.GatewayProcess;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/**
 * The packaged gateway killed ({@code kill -9}) or stopped ({@code SIGTERM}) while an extension's
 * callback waits for its HTTPS receiver, which is down: after the restart the callback arrives,
 * with its headers, and no API call.
 */
class CallbackRestartTest {
  private static final String STATE =
      "https://nipc-gateway.example/demo#/sdfObject/button/sdfProperty/state";

  @RegisterExtension static final CallbackReceiver callbacks = CallbackReceiver.start();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kill -9", "SIGTERM"})
  void a_callback_waiting_for_its_receiver_survives_a_gateway_restart(String stop)
      throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("config.json"),
            new JsonObject()
                .put(
                    "nipc",
                    new JsonObject()
                        .put(
                            "extensions",
                            new JsonObject()
                                .put("callbackCaFile", callbacks.certificate().toString())
                                .put("callbackRetryDelayMs", 50)
                                .put("callbackRetryMaxDelayMs", 200)))
                .encode());
    Path dataDir = dir.resolve("data");
    String instanceId;
    callbacks.down(true);
    try {
      try (GatewayProcess gateway =
          GatewayProcess.onFreePort(dataDir, "--insecure-http", "--config", config.toString())) {
        gateway.port();
        gateway.awaitOutput("Fleet loaded");
        ScimClient scim = gateway.scim();
        instanceId = finishedWithCallback(scim, button(scim));
        int refusedBefore = callbacks.refusedWhileDown();
        Eventually.eventually(
            "the receiver refused the callback",
            Duration.ofSeconds(30),
            () -> callbacks.refusedWhileDown() > refusedBefore);
        JsonNode waiting = scim.get("/callbacks").json();
        assertThat(waiting.path("targets").elements().next().path("queued").asInt()).isEqualTo(1);
        if (stop.equals("kill -9")) {
          gateway.kill();
        } else {
          assertThat(gateway.terminate()).isNotEqualTo(-1);
        }
      }
      assertThat(callbacks.has(instanceId)).isFalse();
    } finally {
      callbacks.down(false);
    }

    try (GatewayProcess restarted =
        GatewayProcess.onFreePort(dataDir, "--insecure-http", "--config", config.toString())) {
      restarted.port();
      long start = System.nanoTime();
      CallbackReceiver.Received callback = callbacks.of(instanceId);
      System.out.printf(
          "CALLBACK restart (%s): deliveredAfterListeningIn=%.2fs refusedWhileDown=%d%n",
          stop, (System.nanoTime() - start) / 1e9, callbacks.refusedWhileDown());
      assertThat(callback.headers().get("x-api-key")).isEqualTo("k-restart");
      assertThat(callback.body().getString("value")).isEqualTo("AA==");
      Eventually.eventually(
          "the outbox is empty after the restart",
          () -> restarted.scim().get("/callbacks").json().path("targets").isEmpty());
      assertThat(callbacks.count(instanceId)).isEqualTo(1);
    }
  }

  private static String button(ScimClient scim) {
    return scim.list(
            "/Devices", "filter=" + ScimClient.encode("displayName eq \"Demo BLE button\""))
        .path("Resources")
        .path(0)
        .path("id")
        .asText();
  }

  /** A conditional read whose value is already there: it finishes at once, with a callback. */
  private static String finishedWithCallback(ScimClient scim, String button) {
    String path =
        "/nipc/extensions/"
            + button
            + "/properties/read/conditional?propertyName="
            + ScimClient.encode(STATE);
    Reply started =
        scim.post(
            path,
            new JsonObject()
                .put("value", "AA==")
                .put(
                    "callback",
                    new JsonObject()
                        .put("url", callbacks.url())
                        .put("headers", new JsonObject().put("x-api-key", "k-restart")))
                .encode(),
            "Content-Type",
            "application/json");
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String status = started.header("Location");
    Eventually.eventually("the operation finished", () -> scim.get(status).status() == 303);
    return status.substring(status.indexOf("instanceId=") + "instanceId=".length());
  }
}
