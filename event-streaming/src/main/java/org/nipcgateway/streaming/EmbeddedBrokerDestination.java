package org.nipcgateway.streaming;

import io.vertx.core.Future;

/** {@code mqttClient} data apps: the embedded broker, on the draft's topic. */
final class EmbeddedBrokerDestination implements Destination {
  private final EmbeddedBroker broker;

  EmbeddedBrokerDestination(EmbeddedBroker broker) {
    this.broker = broker;
  }

  @Override
  public Future<Void> send(String topic, byte[] batch) {
    broker.publish(topic, batch);
    return Future.succeededFuture();
  }
}
