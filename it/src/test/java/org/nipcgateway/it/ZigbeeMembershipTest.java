package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.ZigbeeNode.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;
import org.nipcgateway.it.support.radio.ZigbeeNode;

/**
 * The Zigbee network follows the SCIM registry: a node that joins with no SCIM device naming it is
 * counted on {@code /metrics} (a registered one is not), and deleting a device asks its node to
 * leave the network, which it rejoins only through permit join; a node that does not answer the
 * leave does not fail the delete.
 */
@RadioScenario
class ZigbeeMembershipTest {
  private static final String LEAVING = "00:0D:6F:00:00:00:0B:01";
  private static final String SILENT = "00:0D:6F:00:00:00:0B:02";
  private static final String STRANGER = "00:0D:6F:00:00:00:0B:03";
  private static final String NEWCOMER = "00:0D:6F:00:00:00:0B:04";
  private static final String PLUG = "https://example.com/zplug#/sdfObject/plug";
  private static final String UNKNOWN_JOINS = "nipc_zigbee_unknown_joins_total{kind=\"joined\"}";
  private static final String LEAVES_TIMED_OUT =
      "nipc_radio_calls_total{operation=\"leave\",outcome=\"timeout\",radio=\"zigbee\"}";
  private static final Duration JOINING = Duration.ofSeconds(20);

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withNodes(
                  plug(LEAVING),
                  plug(SILENT),
                  plug(STRANGER).put("joinsOnPermit", true),
                  plug(NEWCOMER).put("joinsOnPermit", true)));

  @Parameter RadioRow row;

  private static String leaving;
  private static String silent;
  private static String newcomer;

  private static JsonObject plug(String eui64) {
    return ZigbeeNode.at(eui64, attribute(1, 6, 0, 16, "AQ==", false));
  }

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevices() {
    String model =
        "{\"namespace\":{\"z\":\"https://example.com/zplug\"},\"defaultNamespace\":\"z\","
            + "\"sdfObject\":{\"plug\":{\"sdfProperty\":{\"onOff\":{\"writable\":false,"
            + "\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6,"
            + "\"attributeID\":0,\"attributeType\":16}}}}}}}";
    assertThat(
            gateway
                .scim()
                .post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    leaving = device("leaving plug", LEAVING);
    silent = device("silent plug", SILENT);
    newcomer = device("new plug", NEWCOMER);
    // The two waiting nodes are out of range until a test brings them in: each test opens joining
    // itself, and must see only its own nodes join.
    outOfRange(STRANGER, true);
    outOfRange(NEWCOMER, true);
  }

  @Test
  void a_node_no_scim_device_names_is_counted_when_it_joins_and_a_registered_one_is_not() {
    double before = sample(UNKNOWN_JOINS);
    open(60);
    outOfRange(NEWCOMER, false);
    Eventually.eventually("the registered newcomer joined", JOINING, () -> readable(newcomer));
    outOfRange(STRANGER, false);
    Eventually.eventually(
        "the stranger joined and was counted", JOINING, () -> sample(UNKNOWN_JOINS) > before);
    close();
    assertThat(joined()).contains(STRANGER, NEWCOMER);
    assertThat(sample(UNKNOWN_JOINS)).isEqualTo(before + 1);
    assertThat(scrape()).doesNotContain(STRANGER).doesNotContain(STRANGER.replace(":", ""));
  }

  @Test
  void deleting_a_device_makes_its_node_leave_and_it_rejoins_only_through_permit_join() {
    assertThat(readable(leaving)).isTrue();
    Reply deleted = gateway.scim().delete("/scim/v2/Devices/" + leaving);
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    Eventually.eventually(
        "the node was asked to leave and left",
        JOINING,
        () -> leaveRequests().contains(LEAVING) && !joined().contains(LEAVING));

    double before = sample(UNKNOWN_JOINS);
    open(60);
    Eventually.eventually(
        "the node joined again, now as an unknown one",
        JOINING,
        () -> joined().contains(LEAVING) && sample(UNKNOWN_JOINS) == before + 1);
    close();
  }

  @Test
  void a_node_that_does_not_answer_its_leave_does_not_fail_the_delete() {
    double timedOut = sample(LEAVES_TIMED_OUT);
    outOfRange(SILENT, true);
    long started = System.nanoTime();
    Reply deleted = gateway.scim().delete("/scim/v2/Devices/" + silent);
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    // The delete does not wait for the node (the driver's answer time is seconds).
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(gateway.scim().get("/scim/v2/Devices/" + silent).status()).isEqualTo(404);
    Eventually.eventually(
        "the leave was sent and timed out",
        JOINING,
        () -> leaveRequests().contains(SILENT) && sample(LEAVES_TIMED_OUT) > timedOut);
    // It heard nothing, so it is still in the network. (It stays out of range: the other tests
    // must not see it act.)
    assertThat(joined()).contains(SILENT);
  }

  private static String device(String name, String eui64) {
    return gateway
        .scim()
        .create("/Devices", Devices.withModel(Devices.zigbee(name, eui64), PLUG))
        .path("id")
        .asText();
  }

  private static void open(int seconds) {
    Reply reply =
        gateway
            .scim()
            .post(
                "/radios/zigbee/permit-join",
                "{\"durationSeconds\":" + seconds + "}",
                "Content-Type",
                "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
  }

  private static void close() {
    assertThat(gateway.scim().delete("/radios/zigbee/permit-join").status()).isEqualTo(204);
  }

  /** Whether the device's node answers a read: it is in the network. */
  private static boolean readable(String device) {
    Reply reply =
        gateway
            .scim()
            .get(
                "/nipc/devices/"
                    + device
                    + "/properties?propertyName="
                    + ScimClient.encode(PLUG + "/sdfProperty/onOff"));
    JsonNode body = reply.json();
    JsonNode item = body.isArray() ? body.path(0) : body;
    return reply.status() == 200 && item.has("value");
  }

  private static void outOfRange(String eui64, boolean silent) {
    Reply reply =
        gateway
            .scim()
            .post(
                "/simulator/zigbee/nodes",
                new JsonObject().put("eui64", eui64).put("silent", silent).encode(),
                "Content-Type",
                "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
  }

  private static List<String> joined() {
    return texts(gateway.scim().get("/simulator").json().path("zigbee").path("joined"));
  }

  private static List<String> leaveRequests() {
    return texts(gateway.scim().get("/simulator").json().path("zigbee").path("leaveRequests"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static String scrape() {
    Reply reply = gateway.scim().get("/metrics");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.text();
  }

  /** The value of the series (name and labels), 0 while it has never counted. */
  private static double sample(String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
            .matcher(scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
