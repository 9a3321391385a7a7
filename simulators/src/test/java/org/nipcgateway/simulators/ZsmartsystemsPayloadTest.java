package org.nipcgateway.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.contract.OnLoop;
import org.nipcgateway.core.radio.contract.ZigbeeNode;

/**
 * Values pass through the zsmartsystems driver byte for byte, both ways, for every ZCL type the
 * gateway's maps use: what is written arrives at the simulated node as sent, and what the node
 * holds is read back as it holds it. The values include some the stack's typed conversion would
 * change (a boolean 0x02, a character string that is not UTF-8 and holds a NUL).
 */
class ZsmartsystemsPayloadTest {
  private static final Eui64 NODE = Eui64.parse("00:0D:6F:00:00:00:02:01");
  private static final int CLUSTER = 0xFC00;
  private static final Vertx VERTX = Vertx.vertx();
  private static final OnLoop LOOP = new OnLoop(VERTX);
  private static CoordinatorZigbeeFixture fixture;
  private static ZigbeeRadio radio;

  /** Type id, a value the node starts with, and a value written to it. */
  static List<Arguments> types() {
    return List.of(
        Arguments.of("boolean", 0x10, bytes(0x00), bytes(0x01)),
        Arguments.of("boolean 0x02", 0x10, bytes(0x02), bytes(0x02)),
        Arguments.of("uint8", 0x20, bytes(0xFE), bytes(0x7F)),
        Arguments.of("uint16", 0x21, bytes(0x34, 0x12), bytes(0xFF, 0xFE)),
        Arguments.of("uint24", 0x22, bytes(0x56, 0x34, 0x12), bytes(0x01, 0x00, 0x80)),
        Arguments.of("uint32", 0x23, bytes(0x78, 0x56, 0x34, 0x12), bytes(0xFF, 0, 0, 0x80)),
        Arguments.of("int8", 0x28, bytes(0x80), bytes(0xFF)),
        Arguments.of("int16", 0x29, bytes(0x66, 0x08), bytes(0x00, 0x80)),
        Arguments.of("int24", 0x2A, bytes(0xFF, 0xFF, 0x7F), bytes(0x00, 0x00, 0x80)),
        Arguments.of("enum8", 0x30, bytes(0x02), bytes(0xFE)),
        Arguments.of("bitmap8", 0x18, bytes(0xA5), bytes(0x5A)),
        Arguments.of(
            "char string", 0x42, bytes(0x03, 'a', 'b', 'c'), bytes(0x04, 'a', 0xFF, 0, 'z')),
        Arguments.of("octet string", 0x41, bytes(0x02, 0x00, 0xFF), bytes(0x03, 0xDE, 0xAD, 0x00)));
  }

  @BeforeAll
  static void startNode() {
    fixture = new CoordinatorZigbeeFixture();
    ZigbeeNode node = ZigbeeNode.at(NODE.toString());
    List<Arguments> all = types();
    for (int i = 0; i < all.size(); i++) {
      Object[] a = all.get(i).get();
      node.attribute(1, CLUSTER, i, (int) a[1], (byte[]) a[2], true);
    }
    radio = LOOP.await(() -> fixture.start(VERTX, List.of(node)));
  }

  @AfterAll
  static void stopNode() {
    fixture.close();
    VERTX.close().toCompletionStage().toCompletableFuture().join();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void values_are_read_and_written_byte_for_byte(
      String name, int type, byte[] initial, byte[] written) {
    int id = index(name);
    ZigbeeAttribute attribute = ZigbeeAttribute.of(1, CLUSTER, id, type);
    assertThat(LOOP.await(() -> radio.readAttribute(NODE, attribute)).value())
        .as("read")
        .containsExactly(initial);
    assertThat(LOOP.await(() -> radio.writeAttribute(NODE, attribute, written)).succeeded())
        .isTrue();
    assertThat(fixture.coordinator().value(NODE, 1, CLUSTER, id))
        .as("at the node")
        .containsExactly(written);
    assertThat(LOOP.await(() -> radio.readAttribute(NODE, attribute)).value())
        .as("read back")
        .containsExactly(written);
  }

  private static int index(String name) {
    List<Arguments> all = types();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).get()[0].equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
