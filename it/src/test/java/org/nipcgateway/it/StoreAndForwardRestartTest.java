package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nipcgateway.it.support.CounterStream;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.GatewayProcess;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.WebhookReceiver;

/**
 * The packaged gateway killed ({@code kill -9}) or stopped ({@code SIGTERM}) while a data app's
 * webhook is down and events are queued for it: after the restart every queued event reaches the
 * webhook, in order, with no API call.
 */
class StoreAndForwardRestartTest {
  private static final String PRESSED =
      "https://nipc-gateway.example/demo#/sdfObject/button/sdfEvent/pressed";
  private static final int DELIVERED_BEFORE = 100;
  private static final int QUEUED_AT_STOP = 400;

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kill -9", "SIGTERM"})
  void events_queued_for_a_webhook_that_is_down_survive_a_gateway_restart(String stop)
      throws Exception {
    try (WebhookReceiver hook = WebhookReceiver.start()) {
      String app;
      long queuedBytes;
      try (GatewayProcess gateway = GatewayProcess.onFreePort(dataDir, "--insecure-http")) {
        gateway.port();
        gateway.awaitOutput("Fleet loaded");
        ScimClient scim = gateway.scim();
        String button =
            scim.list(
                    "/Devices", "filter=" + ScimClient.encode("displayName eq \"Demo BLE button\""))
                .path("Resources")
                .path(0)
                .path("id")
                .asText();
        app =
            scim.create("/EndpointApps", EndpointApps.of("telemetry", "Held")).path("id").asText();
        Links.group(scim, app, List.of(button));
        Reply registered =
            scim.post(
                "/nipc/registrations/data-apps?dataAppId=" + app,
                new JsonObject()
                    .put(
                        "events",
                        new io.vertx.core.json.JsonArray()
                            .add(new JsonObject().put("event", PRESSED)))
                    .put("webhook", new JsonObject().put("URI", hook.uri()))
                    .encode(),
                "Content-Type",
                "application/nipc+json");
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        Reply enabled =
            scim.post(
                "/nipc/devices/" + button + "/events?eventName=" + ScimClient.encode(PRESSED),
                null);
        assertThat(enabled.status()).as(enabled.text()).isEqualTo(201);

        for (int i = 0; i < DELIVERED_BEFORE; i++) {
          press(scim, i);
        }
        Eventually.eventually(
            "the first presses are delivered",
            () -> stats(scim, app).path("delivered").asInt() == DELIVERED_BEFORE);
        hook.down(true);
        for (int i = DELIVERED_BEFORE; i < DELIVERED_BEFORE + QUEUED_AT_STOP; i++) {
          press(scim, i);
        }
        Eventually.eventually(
            "every later press is queued",
            () -> stats(scim, app).path("queued").asInt() == QUEUED_AT_STOP);
        queuedBytes = stats(scim, app).path("queuedBytes").asLong();
        if (stop.equals("kill -9")) {
          gateway.kill();
        } else {
          assertThat(gateway.terminate()).isNotEqualTo(-1);
        }
      }

      hook.down(false);
      try (GatewayProcess restarted = GatewayProcess.onFreePort(dataDir, "--insecure-http")) {
        restarted.port();
        ScimClient scim = restarted.scim();
        long start = System.nanoTime();
        Eventually.eventually(
            "every queued press reached the webhook after the restart",
            () -> {
              JsonNode after = stats(scim, app);
              return after.path("queued").asInt() == 0
                  && after.path("delivered").asInt() >= QUEUED_AT_STOP;
            });
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode counted = CounterStream.count(hook.batches());
        System.out.printf(
            "STORE-AND-FORWARD restart (%s): queuedAtStop=%d queuedBytes=%d received=%d"
                + " repeats=%d missing=%d outOfOrder=%d deliveredAfterRestartIn=%.1fs"
                + " gatewayRssKb=%d%n",
            stop,
            QUEUED_AT_STOP,
            queuedBytes,
            counted.path("received").asLong(),
            counted.path("repeats").asLong(),
            counted.path("missing").asLong(),
            counted.path("outOfOrder").asLong(),
            seconds,
            CounterStream.rssKb(restarted.pid()));
        assertThat(counted.path("missing").asLong()).isZero();
        assertThat(counted.path("outOfOrder").asLong()).isZero();
        assertThat(counted.path("received").asLong() - counted.path("repeats").asLong())
            .isEqualTo(DELIVERED_BEFORE + QUEUED_AT_STOP);
      }
    }
  }

  private static JsonNode stats(ScimClient scim, String app) {
    return scim.get("/streaming").json().path("dataApps").path(app);
  }

  /** One button notification carrying the counter (4 bytes, little-endian). */
  private static void press(ScimClient scim, int counter) {
    byte[] value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(counter).array();
    Reply reply =
        scim.post(
            "/simulator/ble/values",
            new JsonObject()
                .put("mac", "C0:FF:EE:00:00:B1")
                .put("service", "FFE0")
                .put("characteristic", "FFE1")
                .put("value", Base64.getEncoder().encodeToString(value))
                .encode(),
            "Content-Type",
            "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
  }
}
