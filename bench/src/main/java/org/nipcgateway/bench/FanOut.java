package org.nipcgateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event fan-out with loss counted: simulated BLE peripherals notify counters through a gateway of
 * their own (config file, no demo fleet, launcher JVM options) to ONE data app, delivered over the
 * embedded broker to {@code mosquitto_sub} at QoS 1. Each step turns on the event of more
 * peripherals (a higher offered rate), lets them run for the step's time, turns them off and waits
 * until the subscriber has received everything still on its way. Never fails on a figure.
 */
final class FanOut {
  private static final List<String> DROPS =
      List.of(
          "droppedQueueFull",
          "droppedExpired",
          "droppedLogWriteFailed",
          "droppedPendingFull",
          "droppedSessionQueueFull");

  /**
   * One step's figures; rates per second, CPU in µs of the gateway process per event received.
   * {@code sentPerSecond} is what the simulator emitted while the events were on (enabling and
   * disabling through a busy gateway makes that longer than the step's time); {@code
   * deliveredPerSecond} is received over the first to the last event received, backlog included.
   */
  record Step(
      int peripherals,
      int offeredPerSecond,
      long received,
      long sent,
      long lost,
      long duplicates,
      long gatewayDropped,
      double emittingSeconds,
      double sentPerSecond,
      double deliveredPerSecond,
      double cpuMicrosPerEvent,
      int devicesSeen,
      Map<String, Long> droppedBy) {
    JsonObject json() {
      return JsonObject.mapFrom(this);
    }

    String summary() {
      return String.format(
          Locale.ROOT,
          "fan-out to one mosquitto_sub at QoS 1, %d peripherals (offered %,d events/s): %,.0f"
              + " events/s emitted, %,.0f delivered, %d received, %d lost by sequence, %d"
              + " duplicates, %d dropped by the gateway%s, %.1f µs gateway CPU per event",
          peripherals,
          offeredPerSecond,
          sentPerSecond,
          deliveredPerSecond,
          received,
          lost,
          duplicates,
          gatewayDropped,
          droppedBy.isEmpty() ? "" : " " + droppedBy,
          cpuMicrosPerEvent);
    }
  }

  private final Http http;
  private final ServerLauncher launcher;
  private final ProcStats proc;
  private final Pinning pinning;
  private final BenchSettings settings;
  private String gw;
  private String token;

  FanOut(Http http, ServerLauncher launcher, ProcStats proc, Pinning pinning, BenchSettings s) {
    this.http = http;
    this.launcher = launcher;
    this.proc = proc;
    this.pinning = pinning;
    this.settings = s;
  }

  List<Step> run(Path dataDir) throws IOException {
    Path config =
        FanOutFleet.writeConfig(
            settings.workDir(), settings.fanOutPeripherals(), settings.fanOutIntervalMs());
    List<String> arguments = List.of("--config", config.toAbsolutePath().toString(), "--no-demo");
    try (ServerProcess gateway = launcher.gateway("fan-out", dataDir, 0, arguments)) {
      gw = gateway.base();
      token = launcher.operatorToken(dataDir);
      if (!http.awaitOk(gw + "/health", Duration.ofMinutes(2))) {
        throw new IllegalStateException("fan-out gateway never healthy");
      }
      List<String> devices = provision();
      JsonObject app = created("/scim/v2/EndpointApps", endpointApp());
      String appId = app.getString("id");
      created("/scim/v2/Groups", group(appId, devices));
      expect(
          http.send(
              "POST",
              gw + "/nipc/registrations/data-apps?dataAppId=" + appId,
              token,
              "application/nipc+json",
              new JsonObject()
                  .put(
                      "events",
                      new JsonArray().add(new JsonObject().put("event", FanOutFleet.TICK)))
                  .put("mqttClient", true)
                  .encode()),
          "data app registration");
      int port = streaming().getJsonObject("mqtt").getInteger("port");
      try (MqttCounter sub =
          MqttCounter.start(
              pinning, port, appId, app.getString("clientToken"), "data-app/" + appId + "/#")) {
        int qos = sub.granted();
        if (qos != 1) {
          throw new IllegalStateException("mosquitto_sub was granted QoS " + qos);
        }
        List<Step> steps = new ArrayList<>();
        for (int peripherals : settings.fanOutSteps()) {
          Step step = step(gateway, sub, appId, devices.subList(0, peripherals));
          System.out.println("  " + step.summary());
          steps.add(step);
        }
        if (sub.undecodable() > 0) {
          System.err.println("warning: " + sub.undecodable() + " MQTT payloads did not decode");
        }
        return steps;
      }
    }
  }

  private Step step(ServerProcess gateway, MqttCounter sub, String appId, List<String> devices) {
    sub.nextTally();
    Map<String, Long> dropsBefore = drops(appId);
    long cpuBefore = proc.cpuMicros(gateway.pid());
    List<String> instances = new ArrayList<>();
    long began = System.nanoTime();
    for (String device : devices) {
      Http.Reply enabled =
          http.send(
              "POST",
              gw + "/nipc/devices/" + device + "/events?eventName=" + query(FanOutFleet.TICK),
              token,
              null,
              null);
      expect(enabled, "enabling the event of " + device);
      instances.add(enabled.location());
    }
    pause(settings.duration());
    for (String location : instances) {
      // An event left enabled would go on emitting into the next step and fail its enabling.
      expect(
          http.send(
              "DELETE", location.startsWith("http") ? location : gw + location, token, null, null),
          "disabling " + location);
    }
    double emitting = (System.nanoTime() - began) / 1e9; // first enable to last disable
    drain(sub);
    long cpu = proc.cpuMicros(gateway.pid()) - cpuBefore;
    CounterTally tally = sub.nextTally();
    Map<String, Long> dropped = new TreeMap<>();
    drops(appId)
        .forEach(
            (reason, count) -> {
              long more = count - dropsBefore.getOrDefault(reason, 0L);
              if (more > 0) {
                dropped.put(reason, more);
              }
            });
    long received = tally.received();
    return new Step(
        devices.size(),
        devices.size() * 1000 / settings.fanOutIntervalMs(),
        received,
        tally.sent(),
        tally.lost(),
        tally.duplicates(),
        dropped.values().stream().mapToLong(Long::longValue).sum(),
        emitting,
        tally.sent() / emitting,
        tally.seconds() <= 0 ? 0 : received / tally.seconds(),
        received == 0 ? 0 : (double) cpu / received,
        tally.devices(),
        dropped);
  }

  /** Waits until nothing more arrived for a second (at most 60 s): what is on its way is in. */
  private static void drain(MqttCounter sub) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = sub.tally().received();
      if (now == last) {
        return;
      }
      last = now;
      pause(Duration.ofSeconds(1));
    }
  }

  private List<String> provision() {
    expect(
        http.send(
            "POST",
            gw + "/nipc/registrations/models",
            token,
            "application/sdf+json",
            FanOutFleet.model()),
        "model registration");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < settings.fanOutPeripherals(); i++) {
      ids.add(created("/scim/v2/Devices", FanOutFleet.device(i)).getString("id"));
    }
    return ids;
  }

  private static String endpointApp() {
    return new JsonObject()
        .put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:EndpointApp"))
        .put("applicationType", "telemetry")
        .put("applicationName", "Bench fan-out")
        .encode();
  }

  private static String group(String appId, List<String> devices) {
    JsonArray members = new JsonArray().add(new JsonObject().put("value", appId));
    devices.forEach(id -> members.add(new JsonObject().put("value", id)));
    return new JsonObject()
        .put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"))
        .put("displayName", "devices of " + appId)
        .put("members", members)
        .encode();
  }

  private JsonObject created(String path, String body) {
    Http.Reply reply = http.send("POST", gw + path, token, "application/scim+json", body);
    expect(reply, "POST " + path);
    return new JsonObject(reply.body());
  }

  private JsonObject streaming() {
    Http.Reply reply = http.get(gw + "/streaming", token);
    expect(reply, "GET /streaming");
    return new JsonObject(reply.body());
  }

  /** The gateway's drop counters of the app, by reason. */
  private Map<String, Long> drops(String appId) {
    JsonObject stats = streaming().getJsonObject("dataApps", new JsonObject()).getJsonObject(appId);
    Map<String, Long> drops = new TreeMap<>();
    DROPS.forEach(k -> drops.put(k, stats == null ? 0L : stats.getLong(k, 0L)));
    return drops;
  }

  private static void expect(Http.Reply reply, String what) {
    if (!reply.ok()) {
      throw new IllegalStateException(what + " answered " + reply.status() + ": " + reply.body());
    }
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void pause(Duration time) {
    try {
      Thread.sleep(time.toMillis()); // the step's time passing, or polling the subscriber
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
