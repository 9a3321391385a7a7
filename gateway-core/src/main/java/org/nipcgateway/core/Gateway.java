package org.nipcgateway.core;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.eventloop.EngineThreadCheck;
import org.nipcgateway.core.eventloop.IoLoopContexts;
import org.nipcgateway.core.events.EventHub;
import org.nipcgateway.core.http.ApiModule;
import org.nipcgateway.core.http.ApiModules;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.core.http.HealthRoutes;
import org.nipcgateway.core.http.MalformedRequests;
import org.nipcgateway.core.http.PermitJoinRoutes;
import org.nipcgateway.core.http.PublicUrls;
import org.nipcgateway.core.http.QueryCheck;
import org.nipcgateway.core.http.RouterFallbacks;
import org.nipcgateway.core.metrics.GatewayMetrics;
import org.nipcgateway.core.metrics.Metered;
import org.nipcgateway.core.metrics.MeteredResourceStore;
import org.nipcgateway.core.metrics.MetricsRoutes;
import org.nipcgateway.core.metrics.MetricsSettings;
import org.nipcgateway.core.radios.Radios;
import org.nipcgateway.core.security.GatewaySecurity;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.core.security.SecretAttributeSealer;
import org.nipcgateway.core.security.SecretBox;
import org.nipcgateway.core.security.ServerCertificates;
import org.nipcgateway.core.security.ServerTls;
import org.nipcgateway.core.security.TlsRenegotiation;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.SqliteResourceStore;
import org.nipcgateway.core.storage.UnclaimedRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the store, mounts every API module found on the class path and
 * serves them over HTTP; {@link #stop()} undoes it in reverse order.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final ResourceStore store;
  private final Radios radios;
  private final List<ApiModule> modules;
  private final List<HttpServer> servers;
  private final AtomicBoolean stopping;
  private final RouteTable routes;
  private final GatewaySecurity security;

  private Gateway(
      Vertx vertx,
      ResourceStore store,
      Radios radios,
      List<ApiModule> modules,
      List<HttpServer> servers,
      AtomicBoolean stopping,
      GatewaySecurity security) {
    this.vertx = vertx;
    this.store = store;
    this.radios = radios;
    this.modules = modules;
    this.servers = servers;
    this.stopping = stopping;
    this.routes = security.routes();
    this.security = security;
  }

  /**
   * Starts a gateway; the future fails (and everything started is released) if any part fails. A
   * top-level config key that neither core nor an installed module claims fails it with a {@link
   * ConfigException} before anything starts.
   */
  public static Future<Gateway> start(GatewayConfig config) {
    TlsRenegotiation.refuseClientInitiated();
    ApiModules installed;
    try {
      installed = ApiModules.installed();
      installed.checkClaims(config);
    } catch (ConfigException | IllegalStateException e) {
      return Future.failedFuture(e);
    }
    MetricsSettings metricsSettings;
    try {
      metricsSettings = MetricsSettings.of(config.settings("metrics"));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    Metered metered = Metered.vertx(metricsSettings);
    Vertx vertx = metered.vertx();
    // Everything below runs on one event-loop context, the engine's, so modules can rely on ordered
    // callbacks; with several HTTP event loops only the HTTP I/O moves off it (decisions §47).
    var context = vertx.getOrCreateContext();
    return Future.<Gateway>future(
            promise ->
                context.runOnContext(
                    v ->
                        startOn(vertx, context, config, installed.all(), metered)
                            .onComplete(promise)))
        .onFailure(e -> vertx.close());
  }

  private static Future<Gateway> startOn(
      Vertx vertx, Context engine, GatewayConfig config, List<ApiModule> modules, Metered metered) {
    AtomicBoolean stopping = new AtomicBoolean(false);
    GatewayMetrics metrics = metered.metrics();
    // The modules' class-path reads overlap the store's opening and migration, and each other.
    modules.forEach(module -> module.preload(vertx));
    return loadSecretKey(vertx, config)
        .compose(
            secrets ->
                SqliteResourceStore.open(
                        vertx, config.dataDir(), new SecretAttributeSealer(secrets))
                    .<ResourceStore>map(opened -> new MeteredResourceStore(opened, metrics))
                    .compose(
                        store ->
                            prepare(vertx, config, store, secrets, metrics)
                                .compose(
                                    prepared ->
                                        mountAndListen(
                                            vertx, engine, config, prepared, modules, stopping,
                                            metered))
                                .recover(
                                    e ->
                                        store
                                            .close()
                                            .transform(ignored -> Future.failedFuture(e)))));
  }

  /** What the HTTP layer needs before any module mounts. */
  private record Prepared(
      ResourceStore store,
      SecretBox secrets,
      Radios radios,
      Optional<ServerTls> tls,
      GatewaySecurity security) {}

  private static Future<Prepared> prepare(
      Vertx vertx,
      GatewayConfig config,
      ResourceStore store,
      SecretBox secrets,
      GatewayMetrics metrics) {
    return vertx
        .executeBlocking(
            () ->
                Map.entry(
                    ServerCertificates.resolve(config),
                    GatewaySecurity.create(vertx, config, store)))
        .compose(
            ready ->
                startRadios(vertx, config, secrets, metrics)
                    .map(
                        radios ->
                            new Prepared(store, secrets, radios, ready.getKey(), ready.getValue()))
                    .recover(
                        e ->
                            closeAudit(vertx, ready.getValue())
                                .transform(ignored -> Future.failedFuture(e))));
  }

  private static Future<Gateway> mountAndListen(
      Vertx vertx,
      Context engine,
      GatewayConfig config,
      Prepared prepared,
      List<ApiModule> modules,
      AtomicBoolean stopping,
      Metered metered) {
    Router router = Router.router(vertx);
    // What every request passes first, in this order, as one route's handlers (one match).
    Route first = new EngineThreadCheck(engine).install(router);
    GatewaySecurity security = prepared.security();
    security.connections().addTo(first);
    MalformedRequests malformed = new MalformedRequests(security.malformedRequests());
    QueryCheck.addTo(first, malformed);
    new HealthRoutes(prepared.store()::health, stopping::get, prepared.radios()::statuses)
        .mount(security.routes().on(router, ""));
    new PermitJoinRoutes(prepared.radios().zigbee(), java.time.Clock.systemUTC())
        .mount(security.routes().on(router, "", 4096));
    new MetricsRoutes(vertx, metered.metrics(), metered.settings())
        .mount(security.routes().on(router, ""));
    GatewayContext ctx =
        new GatewayContext(
            vertx,
            config,
            prepared.store(),
            new PublicUrls(config.publicBaseUrl()),
            prepared.radios(),
            new EventHub(),
            prepared.secrets(),
            security.routes(),
            security.deviceScope(),
            prepared.tls(),
            metered.metrics(),
            security.sessionAudit());
    return mountAll(modules, router, ctx, malformed)
        .compose(v -> UnclaimedRows.warn(prepared.store(), claimedTypes(modules)))
        .compose(v -> checkEveryRouteGuarded(security))
        .compose(v -> listen(vertx, engine, config, prepared.tls(), security, router))
        .map(
            servers ->
                new Gateway(
                    vertx,
                    prepared.store(),
                    prepared.radios(),
                    modules,
                    servers,
                    stopping,
                    security))
        .recover(
            e ->
                stopAll(modules)
                    .transform(ignored -> prepared.radios().stop())
                    .transform(ignored -> closeAudit(vertx, security))
                    .transform(ignored -> Future.failedFuture(e)));
  }

  /** The audit log is closed last, so that every request that finished is in it. */
  private static Future<Void> closeAudit(Vertx vertx, GatewaySecurity security) {
    return vertx.executeBlocking(
        () -> {
          security.close();
          return null;
        });
  }

  private static java.util.Set<String> claimedTypes(List<ApiModule> modules) {
    java.util.Set<String> claimed = new java.util.HashSet<>();
    modules.forEach(m -> claimed.addAll(m.storedTypes()));
    return claimed;
  }

  /** A route without an access rule is a programming error: the gateway does not start. */
  private static Future<Void> checkEveryRouteGuarded(GatewaySecurity security) {
    List<String> unguarded = security.routes().unguarded();
    return unguarded.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(
            new IllegalStateException("routes without an access rule: " + unguarded));
  }

  /**
   * The key that seals stored secrets: {@code NIPC_SECRET_KEY} when set (operators who keep keys
   * out of the data dir), else the data dir's key file.
   */
  private static Future<SecretBox> loadSecretKey(Vertx vertx, GatewayConfig config) {
    return vertx.executeBlocking(
        () ->
            SecretBox.load(
                config.dataDir(),
                Optional.ofNullable(System.getenv("NIPC_SECRET_KEY")).filter(k -> !k.isBlank())));
  }

  private static Future<Radios> startRadios(
      Vertx vertx, GatewayConfig config, SecretBox secrets, GatewayMetrics metrics) {
    try {
      return Radios.start(
          vertx,
          config.settings("radios"),
          Optional.of(
              new org.nipcgateway.core.radio.RadioEnvironment(
                  config.dataDir(), secrets::seal, secrets::open)),
          metrics);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Stops every module, also after a failed start (a module may hold a port), whatever each one's
   * stop yields.
   */
  private static Future<Void> stopAll(List<ApiModule> modules) {
    Future<Void> chain = Future.succeededFuture();
    for (ApiModule module : modules) {
      chain = chain.transform(v -> module.stop());
    }
    return chain;
  }

  private static Future<Void> mountAll(
      List<ApiModule> modules, Router router, GatewayContext ctx, MalformedRequests malformed) {
    Future<Void> chain = Future.succeededFuture();
    for (ApiModule module : modules) {
      chain =
          chain.compose(
              v ->
                  module
                      .mount(router, ctx)
                      .onSuccess(ok -> LOG.info("Mounted API module {}", module.name())));
    }
    return chain.onSuccess(v -> RouterFallbacks.install(router, malformed));
  }

  /**
   * One HTTP server per event loop that serves HTTP ({@code http.eventLoops}), all on one port:
   * Vert.x hands each new connection to the next server's loop, and every request goes to the
   * engine's context ({@link IoLoopContexts}).
   */
  private static Future<List<HttpServer>> listen(
      Vertx vertx,
      Context engine,
      GatewayConfig config,
      Optional<ServerTls> tls,
      GatewaySecurity security,
      Router router) {
    List<Context> loops;
    try {
      loops = IoLoopContexts.of(vertx, engine, config.httpEventLoops());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    // Port 0 is not shared between servers in Vert.x; a negative port is "any free port, shared by
    // every server that asks for this same negative number".
    int port = config.httpPort() == 0 && loops.size() > 1 ? -1 : config.httpPort();
    List<HttpServer> servers = new java.util.ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Context loop : loops) {
      chain =
          chain.compose(
              v ->
                  listenOn(vertx, loop, engine, port, config, tls, security, router)
                      .map(
                          server -> {
                            servers.add(server);
                            return null;
                          }));
    }
    return chain
        .<List<HttpServer>>map(v -> List.copyOf(servers))
        .recover(
            e ->
                Future.join(servers.stream().map(HttpServer::close).toList())
                    .transform(
                        ignored ->
                            Future.failedFuture(
                                e instanceof BindException
                                    ? new ConfigException(
                                        "cannot listen on "
                                            + config.httpHost()
                                            + ":"
                                            + config.httpPort()
                                            + ": "
                                            + e.getMessage(),
                                        e)
                                    : e)))
        .onSuccess(
            all -> {
              LOG.info(
                  "NIPC gateway listening on {}://{}:{} ({} event loop{})",
                  tls.isPresent() ? "https" : "http",
                  config.httpHost(),
                  all.get(0).actualPort(),
                  all.size(),
                  all.size() == 1 ? "" : "s");
              if (tls.isEmpty()) {
                LOG.warn(
                    "*** INSECURE: plain HTTP and MQTT without TLS (--insecure-http). Tokens and"
                        + " device data cross the network in clear text. Local experiments"
                        + " only. ***");
              }
            });
  }

  /** One server, listening from {@code loop} so that its connections live on that loop. */
  private static Future<HttpServer> listenOn(
      Vertx vertx,
      Context loop,
      Context engine,
      int port,
      GatewayConfig config,
      Optional<ServerTls> tls,
      GatewaySecurity security,
      Router router) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.httpHost())
            .setPort(port)
            .setCompressionSupported(config.httpCompression())
            // No cleartext HTTP/2 upgrade: with the JDK's HTTP client (which offers it by default)
            // large first responses arrived corrupted. No ALPN either, so every client gets
            // HTTP/1.1, over TLS too (HTTP/2 is a follow-up of decisions §47).
            .setHttp2ClearTextEnabled(false);
    tls.ifPresent(files -> ServerCertificates.apply(options, files));
    security.connections().applyTo(options);
    HttpServer server = vertx.createHttpServer(options);
    security.connections().watch(server, engine);
    server.requestHandler(router);
    return Future.future(promise -> loop.runOnContext(v -> server.listen().onComplete(promise)));
  }

  /** The port the HTTP servers listen on (the chosen one when the config said 0). */
  public int httpPort() {
    return servers.get(0).actualPort();
  }

  /** Every route with its access rule (for tests that walk them all, and for operators). */
  public List<RouteTable.Entry> routes() {
    return routes.entries();
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Stops taking requests, lets those in flight finish (up to a grace period), lets modules finish
   * their pending writes, then closes the store.
   */
  public CompletionStage<Void> stop() {
    if (!stopping.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    LOG.info("NIPC gateway stopping");
    Future<Void> chain =
        Future.join(
                servers.stream()
                    .map(s -> s.shutdown(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS))
                    .toList())
            .transform(v -> stopAll(modules));
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    chain
        .transform(v -> radios.stop())
        .transform(v -> store.close())
        .transform(v -> closeAudit(vertx, security))
        .onComplete(
            v ->
                // Vert.x cannot report its own close to a callback on one of its threads (that
                // context is gone by then), so the close is waited for on a thread of our own.
                new Thread(() -> closeVertx(stopped), "nipc-vertx-close").start());
    return stopped;
  }

  private void closeVertx(CompletableFuture<Void> stopped) {
    try {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
      LOG.info("NIPC gateway stopped");
      stopped.complete(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped.completeExceptionally(e);
    } catch (ExecutionException | TimeoutException e) {
      stopped.completeExceptionally(e);
    }
  }
}
