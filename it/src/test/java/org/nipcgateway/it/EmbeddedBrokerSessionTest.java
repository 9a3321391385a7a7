package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.CounterStream;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.RadioBench;
import org.nipcgateway.it.support.radio.SimulatedRow;

/**
 * A data app subscribed to the embedded broker with a persistent session ({@code mosquitto_sub -c
 * -i ID -q 1}) that goes away while events flow gets every one of them when it comes back, also
 * when the gateway restarted meanwhile (Moquette's store in the data dir).
 */
class EmbeddedBrokerSessionTest {
  // Issue 13's acceptance: the subscriber is away for ten seconds while events flow.
  private static final int AWAY_SECONDS = 10;

  @TempDir Path dataDir;

  private static GatewayConfig.Builder config(RadioBench bench) {
    return GatewayConfig.builder().moduleSettings("radios", bench.radios());
  }

  @Test
  void a_persistent_session_gets_what_was_published_while_it_was_away_also_across_a_restart()
      throws Exception {
    List<String> received = new ArrayList<>();
    String id;
    String token;
    long delivered;
    try (RadioBench bench = new SimulatedRow().start(CounterStream.world(10))) {
      try (RunningGateway gateway = RunningGateway.start(dataDir, config(bench))) {
        ScimClient http = gateway.scim();
        JsonNode app = CounterStream.provision(http);
        id = app.path("id").asText();
        token = app.path("clientToken").asText();
        CounterStream.register(http, id, "mqttClient", true);
        int port = http.get("/streaming").json().at("/mqtt/port").asInt();
        String instance;
        try (MosquittoSub before =
            MosquittoSub.startPersistent(port, id, token, "data-app/" + id + "/#", "held-" + id)) {
          assertThat(before.granted()).isEqualTo(1);
          instance = CounterStream.enable(http, app.path("deviceId").asText());
          Eventually.eventually("events arrive", () -> before.payloads().size() >= 5);
          before.kill();
          received.addAll(before.payloads());
        }
        TimeUnit.SECONDS.sleep(AWAY_SECONDS); // the app is away; events go on
        assertThat(http.delete(instance).status()).isEqualTo(204);
        delivered = http.get("/streaming").json().at("/dataApps/" + id + "/delivered").asLong();
      }
      try (RunningGateway restarted = RunningGateway.start(dataDir, config(bench))) {
        int port = restarted.scim().get("/streaming").json().at("/mqtt/port").asInt();
        try (MosquittoSub after =
            MosquittoSub.startPersistent(port, id, token, "data-app/" + id + "/#", "held-" + id)) {
          assertThat(after.granted()).isEqualTo(1);
          try {
            Eventually.eventually(
                "what was published while the app was away arrives",
                () -> distinct(received, after.payloads()) >= delivered);
          } catch (AssertionError e) {
            // Fall through to the accounting below, which says what is missing.
          }
          received.addAll(after.payloads());
        }
      }
    }
    JsonNode counted = CounterStream.count(received);
    System.out.printf(
        "EMBEDDED-BROKER persistent session away=%ds+restart events=%d received=%d repeats=%d"
            + " missing=%d outOfOrder=%d%n",
        AWAY_SECONDS,
        delivered,
        counted.path("received").asLong(),
        counted.path("repeats").asLong(),
        counted.path("missing").asLong(),
        counted.path("outOfOrder").asLong());
    // What Moquette had in flight when the app dropped off (its memory only) was published again
    // from the app's log into the session's queue (decisions §37): it may come after later events.
    assertThat(counted.path("missing").asLong()).isZero();
    assertThat(counted.path("received").asLong() - counted.path("repeats").asLong())
        .isGreaterThanOrEqualTo(delivered);
  }

  @Test
  void a_persistent_session_away_for_a_while_gets_every_event_published_meanwhile()
      throws Exception {
    try (RadioBench bench = new SimulatedRow().start(CounterStream.world(10));
        RunningGateway gateway = RunningGateway.start(dataDir, config(bench))) {
      ScimClient http = gateway.scim();
      JsonNode app = CounterStream.provision(http);
      String id = app.path("id").asText();
      String token = app.path("clientToken").asText();
      CounterStream.register(http, id, "mqttClient", true);
      int port = http.get("/streaming").json().at("/mqtt/port").asInt();
      List<String> received = new ArrayList<>();
      String instance;
      try (MosquittoSub before =
          MosquittoSub.startPersistent(port, id, token, "data-app/" + id + "/#", "away-" + id)) {
        assertThat(before.granted()).isEqualTo(1);
        instance = CounterStream.enable(http, app.path("deviceId").asText());
        Eventually.eventually("events arrive", () -> before.payloads().size() >= 5);
        before.kill();
        received.addAll(before.payloads());
      }
      TimeUnit.SECONDS.sleep(AWAY_SECONDS); // the app is away; events go on
      assertThat(http.delete(instance).status()).isEqualTo(204);
      long delivered = http.get("/streaming").json().at("/dataApps/" + id + "/delivered").asLong();
      try (MosquittoSub after =
          MosquittoSub.startPersistent(port, id, token, "data-app/" + id + "/#", "away-" + id)) {
        assertThat(after.granted()).isEqualTo(1);
        try {
          Eventually.eventually(
              "what was published while the app was away arrives",
              () -> distinct(received, after.payloads()) >= delivered);
        } catch (AssertionError e) {
          // Fall through to the accounting below, which says what is missing.
        }
        received.addAll(after.payloads());
      }
      JsonNode counted = CounterStream.count(received);
      System.out.printf(
          "EMBEDDED-BROKER persistent session away=%ds events=%d received=%d repeats=%d"
              + " missing=%d outOfOrder=%d%n",
          AWAY_SECONDS,
          delivered,
          counted.path("received").asLong(),
          counted.path("repeats").asLong(),
          counted.path("missing").asLong(),
          counted.path("outOfOrder").asLong());
      assertThat(counted.path("missing").asLong()).isZero();
      assertThat(counted.path("received").asLong() - counted.path("repeats").asLong())
          .isGreaterThanOrEqualTo(delivered);
    }
  }

  private static long distinct(List<String> before, List<String> after) {
    try {
      List<String> all = new ArrayList<>(before);
      all.addAll(after);
      JsonNode counted = CounterStream.count(all);
      return counted.path("received").asLong() - counted.path("repeats").asLong();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void an_away_session_past_its_bound_is_ended_and_what_it_held_counted() throws Exception {
    try (RadioBench bench = new SimulatedRow().start(CounterStream.world(10));
        RunningGateway gateway =
            RunningGateway.start(
                dataDir,
                config(bench)
                    .moduleSettings(
                        "streaming",
                        new JsonObject()
                            .put("mqtt", new JsonObject().put("maxQueuedPerSession", 5))))) {
      ScimClient http = gateway.scim();
      JsonNode app = CounterStream.provision(http);
      String id = app.path("id").asText();
      String token = app.path("clientToken").asText();
      CounterStream.register(http, id, "mqttClient", true);
      int port = http.get("/streaming").json().at("/mqtt/port").asInt();
      try (MosquittoSub before =
          MosquittoSub.startPersistent(port, id, token, "data-app/" + id + "/#", "bounded")) {
        assertThat(before.granted()).isEqualTo(1);
        CounterStream.enable(http, app.path("deviceId").asText());
        Eventually.eventually("events arrive", () -> !before.payloads().isEmpty());
      }
      Eventually.eventually(
          "the away session passed its bound and was ended",
          () ->
              http.get("/streaming")
                      .json()
                      .at("/dataApps/" + id + "/droppedSessionQueueFull")
                      .asLong()
                  >= 5);
      try (MosquittoSub back =
          MosquittoSub.startPersistent(port, id, token, "data-app/" + id + "/#", "bounded")) {
        assertThat(back.granted()).isEqualTo(1);
        Eventually.eventually("live events arrive again", () -> !back.payloads().isEmpty());
      }
    }
  }
}
