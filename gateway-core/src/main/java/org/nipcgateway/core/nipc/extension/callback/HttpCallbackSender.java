package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callbacks as HTTP(S) POSTs of {@code application/json} with the registered headers, on Vert.x's
 * non-blocking client: each attempt has a deadline (connect, send and the answer together), at most
 * {@code maxResponseBytes} of the answer are read, redirects are not followed, and failed attempts
 * are retried after a doubling, capped wait. A 2xx is delivery; 408, 429 and 5xx or no answer are
 * retried; any other status is the receiver's refusal and ends the delivery.
 */
public final class HttpCallbackSender implements CallbackSender, CallbackPoster {
  private static final Logger LOG = LoggerFactory.getLogger(HttpCallbackSender.class);

  private final Vertx vertx;
  private final CallbackSettings settings;
  private final HttpClient client;

  public HttpCallbackSender(Vertx vertx, CallbackSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout((int) settings.timeout().toMillis())
            .setIdleTimeout(30);
    settings
        .caFile()
        .ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
    this.client = vertx.createHttpClient(options);
  }

  @Override
  public Future<Void> send(Callback callback, JsonObject body) {
    Promise<Void> done = Promise.promise();
    attempt(callback, Buffer.buffer(body.encode()), 1, done);
    return done.future();
  }

  private void attempt(Callback callback, Buffer body, int attempt, Promise<Void> done) {
    post(callback, body)
        .onSuccess(
            status -> {
              if (CallbackPoster.delivered(status)) {
                LOG.debug("Callback to {} delivered (attempt {})", callback.origin(), attempt);
                done.complete();
              } else if (CallbackPoster.retried(status)) {
                retry(callback, body, attempt, done, "answered " + status);
              } else {
                LOG.warn("Callback to {} refused with {}", callback.origin(), status);
                done.fail("the callback receiver answered " + status);
              }
            })
        .onFailure(e -> retry(callback, body, attempt, done, e.getMessage()));
  }

  private void retry(Callback callback, Buffer body, int attempt, Promise<Void> done, String why) {
    if (attempt >= settings.attempts()) {
      LOG.warn(
          "Callback to {} not delivered after {} attempt(s): {}", callback.origin(), attempt, why);
      done.fail("callback not delivered: " + why);
      return;
    }
    LOG.debug("Callback to {} failed ({}), retrying", callback.origin(), why);
    vertx.setTimer(
        settings.backoff().delayMillis(attempt), t -> attempt(callback, body, attempt + 1, done));
  }

  /** One POST; its status once the answer has been read (or cut off at the limit). */
  @Override
  public Future<Integer> post(Callback callback, Buffer body) {
    Promise<Integer> answered = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    long deadline =
        vertx.setTimer(
            settings.timeout().toMillis(),
            t -> {
              if (answered.tryFail("no answer within " + settings.timeout().toMillis() + " ms")) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                  request.reset();
                }
              }
            });
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(callback.url().toString())
            .setFollowRedirects(false);
    callback.headers().forEach(options::putHeader);
    options.putHeader("Content-Type", "application/json");
    client
        .request(options)
        .compose(
            request -> {
              sent.set(request);
              return request.send(body);
            })
        .onSuccess(response -> drain(response, answered))
        .onFailure(answered::tryFail);
    return answered.future().andThen(r -> vertx.cancelTimer(deadline));
  }

  /** Reads the answer up to the limit; a receiver that sends more has its stream reset. */
  private void drain(HttpClientResponse response, Promise<Integer> answered) {
    long[] read = {0};
    response.exceptionHandler(answered::tryFail);
    response.handler(
        chunk -> {
          read[0] += chunk.length();
          if (read[0] > settings.maxResponseBytes()) {
            // The status is known; the rest of an oversized answer is not worth reading.
            answered.tryComplete(response.statusCode());
            response.request().reset();
          }
        });
    response.endHandler(v -> answered.tryComplete(response.statusCode()));
  }

  /** Closes the client's connections (at shutdown). */
  public Future<Void> close() {
    return client.close();
  }
}
