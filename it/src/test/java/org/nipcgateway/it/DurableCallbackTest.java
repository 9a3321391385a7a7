package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.CallbackReceiver;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/**
 * Extension callbacks wait in the durable outbox while their HTTPS receiver is down, for longer
 * than the retry budget of a gateway without it ({@code callbackAttempts}), and arrive once it is
 * back; {@code GET /callbacks} shows them waiting.
 */
class DurableCallbackTest {
  private static final String STATE = name("button", "sdfProperty", "state");

  @RegisterExtension static final CallbackReceiver callbacks = CallbackReceiver.start();

  @RegisterExtension
  static final DemoGateway demo =
      new DemoGateway(
          new JsonObject()
              .put(
                  "extensions",
                  new JsonObject()
                      .put("callbackCaFile", callbacks.certificate().toString())
                      .put("callbackAttempts", 2)
                      .put("callbackRetryDelayMs", 50)
                      .put("callbackRetryMaxDelayMs", 200)));

  @Test
  void a_callback_to_a_receiver_down_for_longer_than_the_retries_arrives_once_it_is_back() {
    callbacks.down(true);
    String instanceId;
    try {
      instanceId = finishedWithCallback();
      // Many more refusals than the two attempts a gateway without the outbox makes.
      eventually(
          "the receiver refused the callback many times",
          Duration.ofSeconds(30),
          () -> callbacks.refusedWhileDown() >= 8);
      JsonNode waiting = demo.client().get("/callbacks").json();
      assertThat(waiting.path("durable").asBoolean()).isTrue();
      JsonNode target = waiting.path("targets").elements().next();
      assertThat(target.path("queued").asInt()).isEqualTo(1);
      assertThat(target.path("state").asText()).isEqualTo("down");
      assertThat(waiting.toString()).doesNotContain("k-durable").doesNotContain("nipc-results");
    } finally {
      callbacks.down(false);
    }

    CallbackReceiver.Received callback = callbacks.of(instanceId);
    assertThat(callback.headers().get("x-api-key")).isEqualTo("k-durable");
    assertThat(callback.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(callback.body().getString("id")).isEqualTo(demo.button());
    assertThat(callback.body().getString("value")).isEqualTo("AA==");
    eventually(
        "the outbox is empty",
        () -> demo.client().get("/callbacks").json().path("targets").isEmpty());
    assertThat(callbacks.count(instanceId)).isEqualTo(1);
    assertThat(demo.client().get("/callbacks").json().path("delivered").asLong())
        .isGreaterThanOrEqualTo(1);
  }

  /** A conditional read whose value is already there: it finishes at once, with a callback. */
  private static String finishedWithCallback() {
    String path =
        "/nipc/extensions/"
            + demo.button()
            + "/properties/read/conditional?propertyName="
            + ScimClient.encode(STATE);
    Reply started =
        demo.client()
            .post(
                path,
                new JsonObject()
                    .put("value", "AA==")
                    .put(
                        "callback",
                        new JsonObject()
                            .put("url", callbacks.url())
                            .put("headers", new JsonObject().put("x-api-key", "k-durable")))
                    .encode(),
                "Content-Type",
                "application/json");
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String status = started.header("Location");
    eventually("the operation finished", () -> demo.client().get(status).status() == 303);
    return status.substring(status.indexOf("instanceId=") + "instanceId=".length());
  }
}
