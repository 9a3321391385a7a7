package org.nipcgateway.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.core.radio.ZigbeeEndpointMap;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.contract.OnLoop;
import org.nipcgateway.core.radio.contract.ZigbeeNode;

/**
 * What the zsmartsystems driver does beyond the contract, on the simulated coordinator: a group
 * command as one groupcast, a silent node timing out while others answer, the coordinator going
 * down and coming back, a restart resuming the network from its store without re-joining, a node's
 * leave (gone from the store once confirmed, kept when it does not answer), and what node discovery
 * costs on the air.
 */
class ZsmartsystemsDriverTest {
  private static final int ON_OFF = 0x0006;
  private static final int BASIC = 0x0000;
  private static final int UINT8 = 0x20;
  private static final ZigbeeAttribute ON_OFF_STATE = ZigbeeAttribute.of(1, ON_OFF, 0, 0x10);
  private static final List<Eui64> LIGHTS =
      List.of(
          Eui64.parse("00:0D:6F:00:00:00:01:01"),
          Eui64.parse("00:0D:6F:00:00:00:01:02"),
          Eui64.parse("00:0D:6F:00:00:00:01:03"));

  private final Vertx vertx = Vertx.vertx();
  private final OnLoop loop = new OnLoop(vertx);
  private final List<CoordinatorZigbeeFixture> fixtures = new ArrayList<>();

  @AfterEach
  void stop() {
    fixtures.forEach(CoordinatorZigbeeFixture::close);
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private ZigbeeRadio start(CoordinatorZigbeeFixture fixture) {
    List<ZigbeeNode> nodes = new ArrayList<>();
    for (Eui64 light : LIGHTS) {
      nodes.add(
          ZigbeeNode.at(light.toString()).attribute(1, ON_OFF, 0, 0x10, new byte[] {0}, false));
    }
    return start(fixture, nodes);
  }

  private ZigbeeRadio start(CoordinatorZigbeeFixture fixture, List<ZigbeeNode> nodes) {
    fixtures.add(fixture);
    return loop.await(() -> fixture.start(vertx, nodes));
  }

  @Test
  void discovery_asks_each_server_cluster_for_its_attributes_a_page_of_sixteen_at_a_time() {
    CoordinatorZigbeeFixture fixture = new CoordinatorZigbeeFixture();
    ZigbeeNode light =
        ZigbeeNode.at(LIGHTS.get(0).toString())
            .attribute(1, ON_OFF, 0, 0x10, new byte[] {0}, false);
    List<ZigbeeEndpointMap.Attribute> basic = new ArrayList<>();
    for (int id = 0; id < 20; id++) {
      light.attribute(1, BASIC, id, UINT8, new byte[] {(byte) id}, false);
      basic.add(new ZigbeeEndpointMap.Attribute(id, UINT8));
    }
    ZigbeeRadio radio = start(fixture, List.of(light));
    long frames = fixture.coordinator().zclFramesSent();
    List<ZigbeeEndpointMap> map = loop.await(() -> radio.discover(LIGHTS.get(0)));
    assertThat(map)
        .containsExactly(
            new ZigbeeEndpointMap(
                1,
                List.of(
                    new ZigbeeEndpointMap.Cluster(BASIC, basic),
                    new ZigbeeEndpointMap.Cluster(
                        ON_OFF, List.of(new ZigbeeEndpointMap.Attribute(0, 0x10))))));
    // Basic: attributes 0-15, then 16-19; On/Off: one page. Endpoints and clusters cost nothing.
    assertThat(fixture.coordinator().zclFramesSent() - frames).isEqualTo(3);
  }

  @Test
  void discovery_of_a_node_that_stops_answering_times_out_within_the_answer_time() {
    CoordinatorZigbeeFixture fixture = new CoordinatorZigbeeFixture();
    ZigbeeRadio radio = start(fixture);
    fixture.coordinator().silence(LIGHTS.get(0), true);
    long started = System.nanoTime();
    Throwable failure = loop.failure(() -> radio.discover(LIGHTS.get(0)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(((RadioException) failure).reason()).isEqualTo(RadioException.Reason.TIMEOUT);
    assertThat(took).isLessThan(Duration.ofSeconds(4)); // the fixture's answer time is 2 s
    assertThat(loop.await(() -> radio.discover(LIGHTS.get(1)))).hasSize(1);
  }

  @Test
  void a_command_to_three_lights_goes_out_as_one_groupcast_and_switches_them_all() {
    CoordinatorZigbeeFixture fixture = new CoordinatorZigbeeFixture();
    ZigbeeRadio radio = start(fixture);
    ZigbeeCommand on = ZigbeeCommand.of(1, ON_OFF, 0x01);
    long before = fixture.coordinator().groupFramesSent();
    List<DeviceAnswer<ZigbeeCommandResponse>> answers = groupCommand(radio, on);
    assertThat(answers).allMatch(DeviceAnswer::succeeded);
    assertThat(fixture.coordinator().groupFramesSent() - before).isEqualTo(1);
    for (Eui64 light : LIGHTS) {
      assertThat(loop.await(() -> radio.readAttribute(light, ON_OFF_STATE)).value())
          .containsExactly(1);
    }
    // The group exists now: the next group command is one ZCL frame in all, no Add Group again.
    // (ZDO requests of the stack's own background discovery may go out meanwhile: not counted.)
    long frames = fixture.coordinator().zclFramesSent();
    groupCommand(radio, ZigbeeCommand.of(1, ON_OFF, 0x00));
    assertThat(fixture.coordinator().zclFramesSent() - frames).isEqualTo(1);
    assertThat(fixture.coordinator().groupFramesSent() - before).isEqualTo(2);
  }

  private List<DeviceAnswer<ZigbeeCommandResponse>> groupCommand(
      ZigbeeRadio radio, ZigbeeCommand command) {
    return loop.await(
        () -> {
          Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> sent =
              radio.groupCommand(LIGHTS, command, new byte[0]);
          return Future.all(List.copyOf(sent.values()))
              .map(all -> sent.values().stream().map(Future::result).toList());
        });
  }

  @Test
  void a_node_that_stops_answering_times_out_within_the_answer_time_while_others_answer() {
    CoordinatorZigbeeFixture fixture = new CoordinatorZigbeeFixture();
    ZigbeeRadio radio = start(fixture);
    fixture.coordinator().silence(LIGHTS.get(0), true);
    long started = System.nanoTime();
    Throwable failure = loop.failure(() -> radio.readAttribute(LIGHTS.get(0), ON_OFF_STATE));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(((RadioException) failure).reason()).isEqualTo(RadioException.Reason.TIMEOUT);
    assertThat(took).isLessThan(Duration.ofSeconds(4)); // the fixture's answer time is 2 s
    assertThat(loop.await(() -> radio.readAttribute(LIGHTS.get(1), ON_OFF_STATE)).value())
        .containsExactly(0);
  }

  @Test
  void a_lost_coordinator_takes_the_radio_down_and_its_return_brings_it_back() throws Exception {
    CoordinatorZigbeeFixture fixture = new CoordinatorZigbeeFixture();
    ZigbeeRadio radio = start(fixture);
    fixture.coordinator().coordinatorDown(true);
    awaitState(radio, RadioState.DOWN);
    Throwable failure = loop.failure(() -> radio.readAttribute(LIGHTS.get(0), ON_OFF_STATE));
    assertThat(((RadioException) failure).reason()).isEqualTo(RadioException.Reason.RADIO_DOWN);
    fixture.coordinator().coordinatorDown(false);
    awaitState(radio, RadioState.UP);
    assertThat(loop.await(() -> radio.readAttribute(LIGHTS.get(0), ON_OFF_STATE)).value())
        .containsExactly(0);
  }

  @Test
  void a_restart_resumes_the_network_from_its_store_and_the_same_nodes_answer_without_rejoining() {
    CoordinatorZigbeeFixture first = new CoordinatorZigbeeFixture();
    start(first);
    first.close();
    fixtures.remove(first);
    CoordinatorZigbeeFixture second = new CoordinatorZigbeeFixture(first.state());
    ZigbeeRadio radio = start(second);
    assertThat(second.coordinator().joins()).isZero();
    for (Eui64 light : LIGHTS) {
      assertThat(loop.await(() -> radio.readAttribute(light, ON_OFF_STATE)).value())
          .containsExactly(0);
    }
    assertThat(second.coordinator().joins()).isZero();
  }

  @Test
  void a_node_that_confirmed_its_leave_is_gone_from_the_stored_network() throws Exception {
    CoordinatorZigbeeFixture fixture = new CoordinatorZigbeeFixture();
    ZigbeeRadio radio = start(fixture);
    java.nio.file.Path record =
        fixture
            .state()
            .resolve("nodes")
            .resolve(LIGHTS.get(0).toString().replace(":", "") + ".json");
    java.nio.file.Path other =
        fixture
            .state()
            .resolve("nodes")
            .resolve(LIGHTS.get(1).toString().replace(":", "") + ".json");
    awaitFile(record, true);
    loop.await(() -> radio.leave(LIGHTS.get(0)));
    assertThat(fixture.coordinator().leaveRequests()).containsExactly(LIGHTS.get(0));
    assertThat(fixture.coordinator().joined()).doesNotContain(LIGHTS.get(0));
    awaitFile(record, false);
    assertThat(other).exists();
    Throwable gone = loop.failure(() -> radio.readAttribute(LIGHTS.get(0), ON_OFF_STATE));
    assertThat(((RadioException) gone).reason()).isEqualTo(RadioException.Reason.UNKNOWN_DEVICE);
  }

  @Test
  void a_node_that_does_not_confirm_its_leave_stays_in_the_network() {
    CoordinatorZigbeeFixture fixture = new CoordinatorZigbeeFixture();
    ZigbeeRadio radio = start(fixture);
    fixture.coordinator().silence(LIGHTS.get(0), true);
    Throwable failure = loop.failure(() -> radio.leave(LIGHTS.get(0)));
    assertThat(((RadioException) failure).reason()).isEqualTo(RadioException.Reason.TIMEOUT);
    // Still a node of the network (a request to it times out rather than naming no such node),
    // still in the store.
    Throwable silent = loop.failure(() -> radio.readAttribute(LIGHTS.get(0), ON_OFF_STATE));
    assertThat(((RadioException) silent).reason()).isEqualTo(RadioException.Reason.TIMEOUT);
    assertThat(
            fixture
                .state()
                .resolve("nodes")
                .resolve(LIGHTS.get(0).toString().replace(":", "") + ".json"))
        .exists();
  }

  /** The stack writes and removes node records on a thread of its own: polled, bounded. */
  private static void awaitFile(java.nio.file.Path file, boolean present)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (java.nio.file.Files.exists(file) != present && System.nanoTime() < deadline) {
      Thread.sleep(20); // polling a file the stack writes, not synchronising on a guess
    }
    assertThat(java.nio.file.Files.exists(file)).as(file + " present").isEqualTo(present);
  }

  private static void awaitState(ZigbeeRadio radio, RadioState state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (radio.state() != state && System.nanoTime() < deadline) {
      Thread.sleep(20); // polling a state the radio exposes, not synchronising on a guess
    }
    assertThat(radio.state()).isEqualTo(state);
  }
}
