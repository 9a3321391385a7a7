package org.nipcgateway.streaming;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import org.nipcgateway.core.nipc.dataapp.DataApp;

/**
 * {@code webhook} data apps: each batch is an HTTP(S) POST of {@code application/cbor} with the
 * registered headers and the event's topic in {@code NIPC-Topic}; any 2xx answer is delivery.
 */
final class WebhookDestination implements Destination {
  private final HttpClient client;
  private final String uri;
  private final MultiMap headers;

  WebhookDestination(Vertx vertx, DataApp app) {
    URI target = URI.create(app.registration().path("webhook").path("URI").asText());
    this.client =
        vertx.createHttpClient(HttpDestinations.http(target, app.registration().path("webhook")));
    this.uri = target.toString();
    this.headers = HttpDestinations.headers(app.secrets());
  }

  @Override
  public Future<Void> send(String topic, byte[] batch) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(uri)
            .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers))
            .putHeader("Content-Type", "application/cbor")
            .putHeader("NIPC-Topic", topic);
    return client
        .request(request)
        .compose(r -> r.send(Buffer.buffer(batch)))
        .compose(
            response ->
                response
                    .body()
                    .compose(
                        body ->
                            response.statusCode() / 100 == 2
                                ? Future.<Void>succeededFuture()
                                : Future.failedFuture(
                                    "webhook answered " + response.statusCode())));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
