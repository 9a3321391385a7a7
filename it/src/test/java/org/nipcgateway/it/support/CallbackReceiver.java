package org.nipcgateway.it.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local HTTPS server that receives the callbacks of NIPC extensions, with a self-signed
 * certificate for 127.0.0.1 the gateway is told to trust ({@link #certificate()} as {@code
 * nipc.extensions.callbackCaFile}). A callback sent with the header {@code x-fail-first} is
 * answered 503 the first time for its {@code instanceId}, so the gateway has to retry; while {@link
 * #down} it answers 503 to every callback (counted). Register it before the gateway:
 * {@code @RegisterExtension static final CallbackReceiver receiver = CallbackReceiver.start();}; it
 * stops after the class.
 */
public final class CallbackReceiver implements AfterAllCallback {
  /** A callback as received: its body and headers. */
  public record Received(JsonObject body, MultiMap headers) {}

  private final Path dir;
  private final SelfSignedCertificate certificate;
  private final Vertx vertx = Vertx.vertx();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicBoolean down =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicInteger refusedWhileDown =
      new java.util.concurrent.atomic.AtomicInteger();
  private final String url;

  private CallbackReceiver() throws Exception {
    dir = Files.createTempDirectory("nipc-callback-receiver");
    certificate = SelfSignedCertificate.create(dir);
    int port =
        vertx
            .createHttpServer(certificate.serverOptions())
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              JsonObject json = body.toJsonObject();
                              if (down.get()) {
                                refusedWhileDown.incrementAndGet();
                                request.response().setStatusCode(503).end();
                                return;
                              }
                              if (request.getHeader("x-fail-first") != null
                                  && failedOnce.add(json.getString("instanceId"))) {
                                request.response().setStatusCode(503).end();
                                return;
                              }
                              received.add(new Received(json, request.headers()));
                              request.response().setStatusCode(200).end();
                            }))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .actualPort();
    url = "https://127.0.0.1:" + port + "/nipc-results";
  }

  public static CallbackReceiver start() {
    try {
      return new CallbackReceiver();
    } catch (Exception e) {
      throw new IllegalStateException("callback receiver did not start", e);
    }
  }

  /** Where callbacks go. */
  public String url() {
    return url;
  }

  /** The receiver's certificate (PEM), for the gateway to trust. */
  public Path certificate() {
    return certificate.cert();
  }

  /** While down, every callback is answered 503. */
  public void down(boolean isDown) {
    down.set(isDown);
  }

  /** How many callbacks were answered 503 because the receiver was down. */
  public int refusedWhileDown() {
    return refusedWhileDown.get();
  }

  /** Whether a callback of that operation arrived (without waiting). */
  public boolean has(String instanceId) {
    return received.stream()
        .anyMatch(callback -> instanceId.equals(callback.body().getString("instanceId")));
  }

  /** How many callbacks of that operation arrived (a repeat shows as more than one). */
  public long count(String instanceId) {
    return received.stream()
        .filter(callback -> instanceId.equals(callback.body().getString("instanceId")))
        .count();
  }

  /** Whether a callback for that instance was answered 503 once. */
  public boolean failedOnceFor(String instanceId) {
    return failedOnce.contains(instanceId);
  }

  /**
   * The callback of that operation, once it arrived. Waits up to 20 seconds, longer than {@link
   * Eventually}: the first callback of a run opens the first TLS connection between two cold
   * processes' worth of code (seen to take over five seconds on a loaded machine).
   */
  public Received of(String instanceId) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      for (Received callback : received) {
        if (instanceId.equals(callback.body().getString("instanceId"))) {
          return callback;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out waiting for the callback of " + instanceId);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (Path file : List.of(certificate.cert(), certificate.key(), dir)) {
      Files.deleteIfExists(file);
    }
  }
}
