package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nipcgateway.it.support.radio.DeviceSide;
import org.nipcgateway.it.support.radio.Faults;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/**
 * The demo fleet (thermometer, button and Zigbee light, their models and SCIM devices) on a radio
 * row, with a telemetry data app and helpers for NIPC paths: a {@link ScenarioGateway} on {@link
 * World#demo()}, started per row in a {@link RadioScenario} class and on the simulated row in any
 * other class.
 */
public final class DemoGateway
    implements BeforeClassTemplateInvocationCallback,
        AfterClassTemplateInvocationCallback,
        BeforeAllCallback,
        AfterAllCallback {
  public static final String NAMESPACE = "https://nipc-gateway.example/demo#/sdfObject/";
  public static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";
  public static final String THERMOMETER_MAC = "C0:FF:EE:00:18:09";
  public static final String BUTTON_MAC = "C0:FF:EE:00:00:B1";
  public static final String LIGHT_EUI64 = "00:0D:6F:00:0A:0B:0C:01";

  private final ScenarioGateway gateway;
  private final Map<String, String> deviceIds = new HashMap<>();
  private String dataApp;
  private String dataAppToken;

  public DemoGateway() {
    this(new JsonObject());
  }

  /** With settings for the {@code nipc} config section (e.g. a short operation timeout). */
  public DemoGateway(JsonObject nipcSettings) {
    gateway =
        new ScenarioGateway(World.demo(), config -> config.moduleSettings("nipc", nipcSettings));
  }

  /** Outside a scenario class, the demo on one radio row (a driver's own tests). */
  public DemoGateway(JsonObject nipcSettings, org.nipcgateway.it.support.radio.RadioRow row) {
    gateway =
        new ScenarioGateway(
            World.demo(), config -> config.moduleSettings("nipc", nipcSettings), row);
  }

  @Override
  public void beforeClassTemplateInvocation(ExtensionContext context) {
    gateway.beforeClassTemplateInvocation(context);
    provision();
  }

  @Override
  public void afterClassTemplateInvocation(ExtensionContext context) {
    gateway.afterClassTemplateInvocation(context);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    gateway.beforeAll(context);
    if (gateway.running() != null) {
      provision();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    gateway.afterAll(context);
  }

  private void provision() {
    deviceIds.clear();
    for (JsonNode device : client().list("/Devices", "").path("Resources")) {
      deviceIds.put(device.path("displayName").asText(), device.path("id").asText());
    }
    dataApp = registerDataApp();
  }

  /**
   * A telemetry app registered for every demo event but the light's temperatureChanged, which tests
   * use as the event no data app is registered for.
   */
  private String registerDataApp() {
    JsonNode created = telemetryApp("Demo telemetry");
    String id = created.path("id").asText();
    dataAppToken = created.path("clientToken").asText();
    JsonArray events = new JsonArray();
    for (String event :
        List.of(
            name("thermometer", "sdfEvent", "temperatureMeasurement"),
            name("thermometer", "sdfEvent", "isPresent"),
            name("thermometer", "sdfEvent", "isConnected"),
            name("button", "sdfEvent", "pressed"),
            name("light", "sdfEvent", "onOffChanged"))) {
      events.add(new JsonObject().put("event", event));
    }
    Reply registered =
        postJson(
            "/nipc/registrations/data-apps?dataAppId=" + id,
            new JsonObject().put("events", events).put("mqttClient", true));
    if (registered.status() != 201) {
      throw new AssertionError("data app not registered: " + registered);
    }
    return id;
  }

  /** The client token of the demo data app: its MQTT password. */
  public String dataAppToken() {
    return dataAppToken;
  }

  /** The port of the embedded MQTT broker. */
  public int mqttPort() {
    return client().get("/streaming").json().path("mqtt").path("port").asInt();
  }

  /** The telemetry app registered for the demo events. */
  public String dataApp() {
    return dataApp;
  }

  public java.nio.file.Path dataDir() {
    return gateway.running().dataDir();
  }

  public ScimClient client() {
    return gateway.scim();
  }

  public RadioRow row() {
    return gateway.row();
  }

  /** The demo devices, acting on their own and observed through the row. */
  public DeviceSide devices() {
    return gateway.devices();
  }

  public Faults faults() {
    return gateway.faults();
  }

  public String thermometer() {
    return deviceIds.get("Demo health thermometer");
  }

  public String button() {
    return deviceIds.get("Demo BLE button");
  }

  public String light() {
    return deviceIds.get("Demo Zigbee light");
  }

  /**
   * The global name of an affordance of a demo object, e.g. {@code ("light", "sdfAction", "on")}.
   */
  public static String name(String object, String kind, String affordance) {
    return NAMESPACE + object + "/" + kind + "/" + affordance;
  }

  /** {@code /nipc/devices/{id}/{operation}?{parameter}=<encoded name>}. */
  public static String path(String id, String operation, String parameter, String name) {
    return "/nipc/devices/"
        + id
        + "/"
        + operation
        + "?"
        + parameter
        + "="
        + ScimClient.encode(name);
  }

  public Reply post(String path) {
    return client().post(path, null);
  }

  public Reply postJson(String path, Object body) {
    return client().post(path, text(body), "Content-Type", "application/nipc+json");
  }

  /** Vert.x JSON goes as its encoding; anything else as the client sends it. */
  private static Object text(Object body) {
    return body instanceof JsonObject json ? json.encode() : body;
  }

  /** The demo button reports a press (or release) as the peripheral does: it notifies. */
  public void pressButton(String value) {
    devices().bleValueChanges(BUTTON_MAC, "FFE0", "FFE1", value);
  }

  /**
   * A new telemetry EndpointApp, linked to every demo device through a group of its own (a data app
   * receives only the events of devices it is linked to): its SCIM resource, client token included.
   */
  public JsonNode telemetryApp(String name) {
    ObjectNode created = client().create("/EndpointApps", EndpointApps.of("telemetry", name));
    Links.group(client(), created.path("id").asText(), List.copyOf(deviceIds.values()));
    return created;
  }

  /** The base64 value of a demo property, read over NIPC. */
  public String property(String id, String object, String property) {
    Reply reply =
        client().get(path(id, "properties", "propertyName", name(object, "sdfProperty", property)));
    if (reply.status() != 200) {
      throw new AssertionError("read failed: " + reply);
    }
    return reply.json().path(0).path("value").asText();
  }
}
