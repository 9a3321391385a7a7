package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.MosquittoBroker;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/**
 * {@code mqttBroker} data apps: the gateway logs in to the app's own broker (Debian's mosquitto,
 * with a password file) and publishes there, on the app's custom topic or the draft's topic.
 */
@RadioScenario
class NipcExternalBrokerTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @Parameter RadioRow row;
  @TempDir Path dir;

  private static final String PRESSED = name("button", "sdfEvent", "pressed");

  private static String register(int port, String password, String customTopic) {
    String id = demo.telemetryApp("Broker app " + customTopic).path("id").asText();
    JsonObject broker =
        new JsonObject()
            .put("URI", "127.0.0.1:" + port)
            .put("username", "ward")
            .put("password", password);
    if (customTopic != null) {
      broker.put("customTopic", customTopic);
    }
    Reply reply =
        demo.postJson(
            "/nipc/registrations/data-apps?dataAppId=" + id,
            new JsonObject()
                .put("events", new JsonArray().add(new JsonObject().put("event", PRESSED)))
                .put("mqttBroker", broker));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    assertThat(reply.text()).doesNotContain(password);
    return id;
  }

  @Test
  void events_are_published_on_the_apps_own_broker() {
    try (MosquittoBroker broker = MosquittoBroker.start(dir, "ward", "s3cret-broker");
        MosquittoSub sub = MosquittoSub.start(broker.port(), "ward", "s3cret-broker", "#")) {
      assertThat(sub.granted()).isEqualTo(1);
      String custom = register(broker.port(), "s3cret-broker", "ward/3/events");
      String plain = register(broker.port(), "s3cret-broker", null);
      String refused = register(broker.port(), "wrong-password", "never");

      Reply enabled = demo.post(path(demo.button(), "events", "eventName", PRESSED));
      assertThat(enabled.status()).isEqualTo(201);
      demo.pressButton("AQ==");

      Eventually.eventually("both topics received a batch", () -> sub.messages().size() >= 2);
      assertThat(sub.messages().stream().map(m -> m[0]))
          .containsExactlyInAnyOrder(
              "ward/3/events", "data-app/" + plain + "/demo/sdfObject/button/sdfEvent/pressed");
      JsonObject stats =
          new JsonObject(demo.client().get("/streaming").text()).getJsonObject("dataApps");
      assertThat(stats.getJsonObject(custom).getInteger("delivered")).isEqualTo(1);
      // The broker refuses the gateway's login: the event stays queued and is retried, the
      // destination shown down.
      Eventually.eventually(
          "the app whose broker refuses the gateway has its event queued, destination down",
          () -> {
            JsonObject app =
                new JsonObject(demo.client().get("/streaming").text())
                    .getJsonObject("dataApps")
                    .getJsonObject(refused, new JsonObject());
            return app.getInteger("queued", 0) == 1
                && app.getInteger("retries", 0) >= 1
                && "down"
                    .equals(app.getJsonObject("destination", new JsonObject()).getString("state"));
          });
      demo.client().delete(enabled.header("Location"));
    }
  }
}
