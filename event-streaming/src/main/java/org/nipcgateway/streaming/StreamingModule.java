package org.nipcgateway.streaming;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.http.ApiModule;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.core.http.JsonBodies;
import org.nipcgateway.core.metrics.GatewayMetrics;
import org.nipcgateway.core.nipc.dataapp.DataAppDirectory;
import org.nipcgateway.core.nipc.dataapp.DataAppRegistry;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.EndpointAppCredentials;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.storage.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event streaming to data apps (draft-ietf-asdf-nipc, "Publish/Subscribe Interface"): runs the
 * embedded MQTT broker, delivers enabled events to the data apps registered for them as CBOR
 * batches (embedded broker, webhooks, websockets), and reports what it delivered and dropped at
 * {@code GET /streaming}.
 */
public final class StreamingModule implements ApiModule {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingModule.class);

  private DeliveryStats stats = new DeliveryStats(GatewayMetrics.none());
  private EmbeddedBroker broker;
  private volatile EventDelivery delivery;
  private GatewayContext context;

  @Override
  public String name() {
    return "streaming";
  }

  @Override
  public Future<Void> mount(Router router, GatewayContext context) {
    this.context = context;
    this.stats = new DeliveryStats(context.metrics());
    StreamingSettings settings;
    try {
      settings =
          StreamingSettings.of(
              context.settings(name()), context.config().httpHost(), context.tls());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    context
        .routes()
        .on(router, "")
        .get("/streaming", AccessRule.operator(Role.DATA))
        .handler(ctx -> JsonBodies.send(ctx, state()));
    return startBroker(settings)
        .map(
            started -> {
              broker = started;
              delivery =
                  new EventDelivery(
                      new DataAppDirectory(context.store(), context.secrets()),
                      context.deviceScope(),
                      context.store(),
                      started,
                      context.vertx().getOrCreateContext(),
                      new DeliverySettings(
                          context.config().dataDir().resolve("delivery"),
                          settings.queueLimits(),
                          settings.maxBatch(),
                          settings.maxRetryPause(),
                          settings.maxPendingBytes(),
                          java.time.Clock.systemUTC()),
                      stats);
              context.events().listen(delivery);
              forgetDeletedDataApps(delivery);
              return delivery;
            })
        .compose(EventDelivery::resume);
  }

  /** The embedded broker, or none (null) when the configuration turns it off. */
  private Future<EmbeddedBroker> startBroker(StreamingSettings settings) {
    if (!settings.mqttEnabled()) {
      LOG.info("Embedded MQTT broker disabled by configuration");
      return Future.succeededFuture();
    }
    DataAppAccess access =
        new DataAppAccess(
            new EndpointAppCredentials(context.store()),
            settings.brokerLimits(),
            new MqttAudit(context.sessionAudit(), java.time.Clock.systemUTC()),
            ConnectingPeer::address);
    return context
        .vertx()
        .executeBlocking(
            () ->
                EmbeddedBroker.start(
                    settings,
                    access,
                    context.config().dataDir().resolve("mqtt"),
                    this::sessionWentAway))
        .onSuccess(started -> endSessionsOfDeletedApps(started, access))
        .onSuccess(
            started ->
                LOG.info("MQTT broker listening on {} {}", settings.mqttHost(), started.ports()))
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof BindException || e.getCause() instanceof BindException
                        ? new ConfigException(
                            "cannot run the MQTT broker on "
                                + settings.mqttHost()
                                + ":"
                                + settings.mqttPort()
                                + ": "
                                + e.getMessage(),
                            e)
                        : e instanceof javax.net.ssl.SSLException
                                || e instanceof IllegalArgumentException
                            ? new ConfigException(
                                "cannot use the MQTT TLS certificate and key: " + e.getMessage(), e)
                            : e));
  }

  /**
   * A deleted app's credentials are gone, but a session it opened before would keep receiving and
   * subscribing: end it, and drop its subscriptions, as soon as the delete is committed.
   */
  private void endSessionsOfDeletedApps(EmbeddedBroker started, DataAppAccess access) {
    context
        .store()
        .onRemoval(
            removed -> {
              List<String> clients = new ArrayList<>();
              for (StoredResource resource : removed) {
                if (resource.resourceType().equals("EndpointApp")) {
                  clients.addAll(access.clientsOf(resource.id()));
                }
              }
              if (clients.isEmpty()) {
                return;
              }
              context
                  .vertx()
                  .executeBlocking(
                      () -> {
                        for (String client : clients) {
                          started.disconnect(client);
                          access.forget(client);
                          LOG.info("Ended the MQTT session {} of a deleted endpoint app", client);
                        }
                        return null;
                      });
            });
  }

  /** Called on one of Moquette's threads; before delivery is wired nothing was published yet. */
  private void sessionWentAway(String dataAppId) {
    EventDelivery current = delivery;
    if (current != null) {
      current.sessionWentAway(dataAppId);
    }
  }

  /** A deleted data app (or its endpoint app) takes its queue and delivery log with it. */
  private void forgetDeletedDataApps(EventDelivery events) {
    context
        .store()
        .onRemoval(
            removed -> {
              for (StoredResource resource : removed) {
                if (resource.resourceType().equals("EndpointApp")
                    || resource.resourceType().equals(DataAppRegistry.TYPE)) {
                  events.forget(resource.id());
                }
              }
            });
  }

  /** Where the broker listens (data apps need to know) and what delivery did per data app. */
  private io.vertx.core.json.JsonObject state() {
    io.vertx.core.json.JsonObject state = new io.vertx.core.json.JsonObject();
    EmbeddedBroker running = broker;
    if (running != null) {
      state.put("mqtt", running.ports());
    }
    EventDelivery current = delivery;
    return state.put("dataApps", current == null ? stats.json() : current.json());
  }

  @Override
  public Future<Void> stop() {
    Future<Void> destinations = delivery == null ? Future.succeededFuture() : delivery.close();
    delivery = null;
    if (broker == null) {
      return destinations;
    }
    EmbeddedBroker stopping = broker;
    broker = null;
    return destinations.transform(
        v ->
            context
                .vertx()
                .executeBlocking(
                    () -> {
                      stopping.stop();
                      return null;
                    }));
  }
}
