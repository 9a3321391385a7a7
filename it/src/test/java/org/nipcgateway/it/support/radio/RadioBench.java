package org.nipcgateway.it.support.radio;

import io.vertx.core.json.JsonObject;
import org.nipcgateway.it.support.RunningGateway;

/** What a {@link RadioRow} runs for one {@link World}: started before the gateway, closed after. */
public interface RadioBench extends AutoCloseable {

  /** The gateway's {@code radios} config section that runs the world's devices. */
  JsonObject radios();

  /** The world's devices as the row moves and observes them, through this running gateway. */
  DeviceSide deviceSide(RunningGateway gateway);

  /** Stops what {@link RadioRow#start} started; the gateway has stopped by then. */
  @Override
  void close();
}
