package org.nipcgateway.core.radio.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZclStatus;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.core.radio.ZigbeeEndpointMap;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeNodeEvent;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * The rules every {@link ZigbeeRadio} keeps, written once against the SPI. A driver module extends
 * this class with its {@link ZigbeeRadioFixture}.
 */
public abstract class ZigbeeRadioContract {
  protected static final Eui64 LIGHT = Eui64.parse("00:0D:6F:00:00:00:00:01");
  protected static final Eui64 NEWCOMER = Eui64.parse("00:0D:6F:00:00:00:00:02");
  protected static final Eui64 ABSENT = Eui64.parse("00:0D:6F:00:00:00:00:99");
  private static final int ON_OFF = 0x0006;
  private static final int IDENTIFY = 0x0003;
  private static final int TEMPERATURE = 0x0402;
  private static final int BOOLEAN = 0x10;
  private static final int UINT16 = 0x21;
  private static final int INT16 = 0x29;
  private static final int MANUFACTURER = 0x115F;
  private static final ZigbeeAttribute ON_OFF_STATE = ZigbeeAttribute.of(1, ON_OFF, 0, BOOLEAN);
  private static final ZigbeeAttribute IDENTIFY_TIME = ZigbeeAttribute.of(1, IDENTIFY, 0, UINT16);
  private static final ZigbeeAttribute MEASURED = ZigbeeAttribute.of(1, TEMPERATURE, 0, INT16);

  private Vertx vertx;
  private ZigbeeRadioFixture fixture;
  private OnLoop loop;
  private final Recorded<Object> heard = new Recorded<>();
  protected ZigbeeRadio radio;

  /** A new fixture of the driver under test. */
  protected abstract ZigbeeRadioFixture fixture();

  record Report(Eui64 node, ZigbeeAttribute attribute, byte[] value, boolean written) {}

  @BeforeEach
  void startRadio() {
    vertx = Vertx.vertx();
    loop = new OnLoop(vertx);
    fixture = fixture();
    List<ZigbeeNode> nodes =
        List.of(
            ZigbeeNode.at(LIGHT.toString())
                .attribute(1, ON_OFF, 0, BOOLEAN, new byte[] {0}, false)
                .attribute(1, IDENTIFY, 0, UINT16, new byte[] {0, 0}, true)
                .attribute(1, TEMPERATURE, 0, INT16, new byte[] {0x66, 0x08}, false)
                .manufacturerAttribute(1, ON_OFF, 0x4000, MANUFACTURER, UINT16, new byte[] {5, 0}),
            ZigbeeNode.at(NEWCOMER.toString())
                .joinsOnPermit()
                .attribute(1, ON_OFF, 0, BOOLEAN, new byte[] {1}, false));
    radio = loop.await(() -> fixture.start(vertx, nodes));
    loop.context()
        .runOnContext(
            v ->
                radio.listen(
                    new ZigbeeListener() {
                      @Override
                      public void attributeReport(
                          Eui64 node, ZigbeeAttribute attribute, byte[] value) {
                        heard.add(new Report(node, attribute, value, false));
                      }

                      @Override
                      public void attributeWritten(
                          Eui64 node, ZigbeeAttribute attribute, byte[] value) {
                        heard.add(new Report(node, attribute, value, true));
                      }

                      @Override
                      public void nodeChanged(ZigbeeNodeEvent event) {
                        heard.add(event);
                      }
                    }));
    loop.await(() -> Future.succeededFuture());
  }

  @AfterEach
  void stopRadio() {
    assertThat(heard.offLoop()).as("callbacks off an event loop").isEmpty();
    fixture.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private static RadioException.Reason reasonOf(Throwable failure) {
    assertThat(failure).isInstanceOf(RadioException.class);
    return ((RadioException) failure).reason();
  }

  private static ZclStatus statusOf(DeviceAnswer<?> answer) {
    assertThat(answer.succeeded()).as("the node refused").isFalse();
    return ZclStatus.of(answer.refusal().orElseThrow().code()).orElseThrow();
  }

  @Test
  void a_started_radio_is_up() {
    assertThat(radio.state()).isEqualTo(RadioState.UP);
  }

  @Test
  void reading_an_attribute_answers_its_raw_zcl_bytes() {
    assertThat(loop.await(() -> radio.readAttribute(LIGHT, MEASURED)).value())
        .containsExactly(0x66, 0x08);
  }

  @Test
  void a_node_that_has_not_joined_fails_with_unknown_device() {
    Throwable failure = loop.failure(() -> radio.readAttribute(ABSENT, ON_OFF_STATE));
    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.UNKNOWN_DEVICE);
  }

  @Test
  void an_attribute_the_node_lacks_is_answered_unsupported_attribute() {
    DeviceAnswer<byte[]> answer =
        loop.await(
            () -> radio.readAttribute(LIGHT, ZigbeeAttribute.of(1, ON_OFF, 0x7777, BOOLEAN)));
    assertThat(statusOf(answer)).isEqualTo(ZclStatus.UNSUPPORTED_ATTRIBUTE);
  }

  @Test
  void a_cluster_the_node_lacks_is_answered_unsupported_cluster() {
    DeviceAnswer<byte[]> answer =
        loop.await(() -> radio.readAttribute(LIGHT, ZigbeeAttribute.of(1, 0x0300, 0, UINT16)));
    assertThat(statusOf(answer)).isEqualTo(ZclStatus.UNSUPPORTED_CLUSTER);
  }

  @Test
  void an_endpoint_the_node_lacks_fails_with_unknown_target() {
    Throwable failure =
        loop.failure(() -> radio.readAttribute(LIGHT, ZigbeeAttribute.of(9, ON_OFF, 0, BOOLEAN)));
    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.UNKNOWN_TARGET);
  }

  @Test
  void writing_changes_the_attribute_and_a_read_only_one_is_answered_read_only() {
    assertThat(
            loop.await(() -> radio.writeAttribute(LIGHT, IDENTIFY_TIME, new byte[] {10, 0}))
                .succeeded())
        .isTrue();
    assertThat(loop.await(() -> radio.readAttribute(LIGHT, IDENTIFY_TIME)).value())
        .containsExactly(10, 0);
    assertThat(
            statusOf(loop.await(() -> radio.writeAttribute(LIGHT, ON_OFF_STATE, new byte[] {1}))))
        .isEqualTo(ZclStatus.READ_ONLY);
  }

  @Test
  void a_write_of_another_data_type_is_answered_invalid_data_type() {
    ZigbeeAttribute asInt16 = ZigbeeAttribute.of(1, IDENTIFY, 0, INT16);
    assertThat(statusOf(loop.await(() -> radio.writeAttribute(LIGHT, asInt16, new byte[] {1, 0}))))
        .isEqualTo(ZclStatus.INVALID_DATA_TYPE);
  }

  @Test
  void a_manufacturer_specific_attribute_is_reached_only_with_its_manufacturer_code() {
    ZigbeeAttribute specific =
        new ZigbeeAttribute(
            ZigbeeAttribute.HOME_AUTOMATION,
            1,
            ON_OFF,
            0x4000,
            UINT16,
            OptionalInt.of(MANUFACTURER));
    assertThat(loop.await(() -> radio.readAttribute(LIGHT, specific)).value())
        .containsExactly(5, 0);
    ZigbeeAttribute withoutCode = ZigbeeAttribute.of(1, ON_OFF, 0x4000, UINT16);
    assertThat(statusOf(loop.await(() -> radio.readAttribute(LIGHT, withoutCode))))
        .isEqualTo(ZclStatus.UNSUPPORTED_ATTRIBUTE);
  }

  @Test
  void a_command_changes_state_and_is_answered_with_a_default_response() {
    DeviceAnswer<ZigbeeCommandResponse> answer =
        loop.await(() -> radio.command(LIGHT, ZigbeeCommand.of(1, ON_OFF, 0x01), new byte[0]));
    assertThat(answer.value().command()).isEqualTo(ZigbeeCommandResponse.DEFAULT_RESPONSE);
    assertThat(answer.value().payload()).containsExactly(0x01, ZclStatus.SUCCESS.code());
    assertThat(loop.await(() -> radio.readAttribute(LIGHT, ON_OFF_STATE)).value())
        .containsExactly(1);
  }

  @Test
  void a_command_with_a_specific_response_answers_its_values() {
    loop.await(() -> radio.writeAttribute(LIGHT, IDENTIFY_TIME, new byte[] {30, 0}));
    DeviceAnswer<ZigbeeCommandResponse> answer =
        loop.await(() -> radio.command(LIGHT, ZigbeeCommand.of(1, IDENTIFY, 0x01), new byte[0]));
    assertThat(answer.value().command()).isEqualTo(0x00);
    assertThat(answer.value().payload()).containsExactly(30, 0);
  }

  @Test
  void a_command_the_cluster_does_not_know_is_answered_unsupported() {
    DeviceAnswer<ZigbeeCommandResponse> answer =
        loop.await(() -> radio.command(LIGHT, ZigbeeCommand.of(1, ON_OFF, 0x40), new byte[0]));
    assertThat(statusOf(answer)).isEqualTo(ZclStatus.UNSUP_CLUSTER_COMMAND);
  }

  @Test
  void configured_reporting_reaches_the_node_and_reports_changes_until_turned_off() {
    ZigbeeReporting every = new ZigbeeReporting(5, 600, Optional.of(new byte[] {10, 0}));
    assertThat(loop.await(() -> radio.configureReporting(LIGHT, MEASURED, every)).succeeded())
        .isTrue();
    ZigbeeReporting configured = fixture.reporting(LIGHT, 1, TEMPERATURE, 0);
    assertThat(configured.minInterval()).isEqualTo(5);
    assertThat(configured.maxInterval()).isEqualTo(600);
    fixture.change(LIGHT, 1, TEMPERATURE, 0, new byte[] {0x70, 0x08});
    Report report = (Report) heard.next(e -> e instanceof Report r && !r.written());
    assertThat(report.value()).containsExactly(0x70, 0x08);
    assertThat(report.attribute().sameAttribute(MEASURED)).isTrue();
    loop.await(() -> radio.configureReporting(LIGHT, MEASURED, ZigbeeReporting.OFF));
    fixture.change(LIGHT, 1, TEMPERATURE, 0, new byte[] {0x71, 0x08});
    assertThat(heard.arrives(e -> e instanceof Report, 300)).isFalse();
  }

  @Test
  void a_write_the_node_makes_to_the_gateway_is_reported_as_written() {
    fixture.writeToGateway(LIGHT, IDENTIFY_TIME, new byte[] {3, 0});
    Report written = (Report) heard.next(e -> e instanceof Report);
    assertThat(written.written()).isTrue();
    assertThat(written.value()).containsExactly(3, 0);
  }

  @Test
  void permit_join_lets_a_waiting_node_join_and_announce_itself() {
    Throwable before = loop.failure(() -> radio.readAttribute(NEWCOMER, ON_OFF_STATE));
    assertThat(reasonOf(before)).isEqualTo(RadioException.Reason.UNKNOWN_DEVICE);
    loop.await(() -> radio.permitJoin(60));
    // A late event of a node that was there from the start may come first: wait for the newcomer.
    ZigbeeNodeEvent joined =
        (ZigbeeNodeEvent)
            heard.next(e -> e instanceof ZigbeeNodeEvent n && n.address().equals(NEWCOMER));
    assertThat(joined.kind()).isEqualTo(ZigbeeNodeEvent.Kind.JOINED);
    assertThat(loop.await(() -> radio.readAttribute(NEWCOMER, ON_OFF_STATE)).value())
        .containsExactly(1);
    loop.await(() -> radio.permitJoin(0));
  }

  @Test
  void a_node_asked_to_leave_goes_and_comes_back_only_through_permit_join() {
    loop.await(() -> radio.leave(LIGHT));
    ZigbeeNodeEvent left =
        (ZigbeeNodeEvent)
            heard.next(
                e -> e instanceof ZigbeeNodeEvent n && n.kind() == ZigbeeNodeEvent.Kind.LEFT);
    assertThat(left.address()).isEqualTo(LIGHT);
    Throwable gone = loop.failure(() -> radio.readAttribute(LIGHT, ON_OFF_STATE));
    assertThat(reasonOf(gone)).isEqualTo(RadioException.Reason.UNKNOWN_DEVICE);

    loop.await(() -> radio.permitJoin(60));
    heard.next(
        e ->
            e instanceof ZigbeeNodeEvent n
                && n.address().equals(LIGHT)
                && n.kind() == ZigbeeNodeEvent.Kind.JOINED);
    assertThat(loop.await(() -> radio.readAttribute(LIGHT, ON_OFF_STATE)).value())
        .containsExactly(0);
    loop.await(() -> radio.permitJoin(0));
  }

  @Test
  void asking_a_node_not_in_the_network_to_leave_fails_with_unknown_device() {
    Throwable failure = loop.failure(() -> radio.leave(ABSENT));
    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.UNKNOWN_DEVICE);
  }

  /**
   * The endpoints and server clusters of the node with their standard attributes and data types, in
   * ascending id order; the manufacturer-specific attribute is not among them.
   */
  @Test
  void discovery_lists_the_nodes_endpoints_clusters_and_attributes() {
    List<ZigbeeEndpointMap> map = loop.await(() -> radio.discover(LIGHT));
    assertThat(map)
        .containsExactly(
            new ZigbeeEndpointMap(
                1,
                List.of(
                    new ZigbeeEndpointMap.Cluster(
                        IDENTIFY, List.of(new ZigbeeEndpointMap.Attribute(0, UINT16))),
                    new ZigbeeEndpointMap.Cluster(
                        ON_OFF, List.of(new ZigbeeEndpointMap.Attribute(0, BOOLEAN))),
                    new ZigbeeEndpointMap.Cluster(
                        TEMPERATURE, List.of(new ZigbeeEndpointMap.Attribute(0, INT16))))));
  }

  @Test
  void discovering_a_node_not_in_the_network_fails_with_unknown_device() {
    Throwable failure = loop.failure(() -> radio.discover(ABSENT));
    assertThat(reasonOf(failure)).isEqualTo(RadioException.Reason.UNKNOWN_DEVICE);
  }
}
