package org.nipcgateway.radio.ble;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleCredentials;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.contract.BlePeripheral;
import org.nipcgateway.core.radio.contract.OnLoop;
import org.nipcgateway.core.radio.contract.Recorded;

/**
 * A peripheral that BlueZ lists under a resolvable private address is found, connected and reported
 * by its identity address when the connect carries its IRK (the SCIM record's {@code irk}); without
 * the IRK, or with another, it is not found.
 */
class BluezPrivateAddressTest {
  // The Bluetooth Core sample: this IRK resolves this address (ah = 0x0dfbaa for prand 0x708194).
  private static final byte[] IRK = HexFormat.of().parseHex("ec0234a357c8ad05341010a60a397d9b");
  private static final BleAddress PRIVATE = BleAddress.parse("70:81:94:0D:FB:AA");
  private static final BleAddress IDENTITY = BleAddress.parse("C0:FF:EE:00:00:99");
  private static final GattCharacteristic LEVEL = new GattCharacteristic("180F", "2A19");

  private final Recorded<Connection> heard = new Recorded<>();
  private Vertx vertx;
  private OnLoop loop;
  private BluezBleFixture fixture;
  private BleRadio radio;

  record Connection(BleAddress device, boolean connected) {}

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    loop = new OnLoop(vertx);
    fixture = new BluezBleFixture();
    radio =
        loop.await(
            () ->
                fixture.start(
                    vertx,
                    List.of(
                        BlePeripheral.at(PRIVATE.toString())
                            .characteristic("180F", "2A19", new byte[] {42}, "read")),
                    2));
    loop.await(
        () -> {
          radio.listen(
              new BleListener() {
                @Override
                public void connectionChanged(BleLink link, boolean connected) {
                  heard.add(new Connection(link.address(), connected));
                }
              });
          return Future.succeededFuture();
        });
  }

  @AfterEach
  void stop() {
    fixture.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void a_connect_with_the_irk_reaches_the_private_address_and_reports_the_identity() {
    loop.await(() -> radio.connect(request(Optional.of(IRK))));

    heard.next(c -> c.equals(new Connection(IDENTITY, true)));
    assertThat(loop.await(() -> radio.read(IDENTITY, LEVEL)).value()).containsExactly(42);
    fixture.lookalike().dropLink(PRIVATE);
    heard.next(c -> c.equals(new Connection(IDENTITY, false)));
  }

  @Test
  void without_the_irk_or_with_another_the_identity_is_unknown() {
    byte[] other = IRK.clone();
    other[15] ^= 1;
    for (Optional<byte[]> irk : List.of(Optional.<byte[]>empty(), Optional.of(other))) {
      Throwable failure = loop.failure(() -> radio.connect(request(irk)));
      assertThat(failure).isInstanceOf(RadioException.class);
      assertThat(((RadioException) failure).reason())
          .isEqualTo(RadioException.Reason.UNKNOWN_DEVICE);
    }
  }

  private static BleConnectRequest request(Optional<byte[]> irk) {
    return new BleConnectRequest(
        IDENTITY,
        Set.of(BleBonding.NONE),
        new BleCredentials(OptionalInt.empty(), Optional.empty(), irk));
  }
}
