package org.nipcgateway.core.nipc.extension.file;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the file of a File extension request: one GET with the request's headers, no redirects,
 * at most {@link FileSettings#maxBytes()} (a longer answer is cut off at once, whatever its
 * Content-Length said), within {@link FileSettings#fetchTimeoutMs()}. Every failure is
 * extension-firmware-update-failed, with a detail that names the URL but no library's text.
 */
final class FileFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(FileFetcher.class);

  private final HttpClient client;
  private final FileSettings settings;

  FileFetcher(Vertx vertx, FileSettings settings) {
    this.settings = settings;
    HttpClientOptions options = new HttpClientOptions().setConnectTimeout(10_000);
    settings
        .trustedCertificates()
        .ifPresent(
            pem -> options.setTrustOptions(new PemTrustOptions().addCertPath(pem.toString())));
    this.client = vertx.createHttpClient(options);
  }

  Future<byte[]> fetch(URI url, MultiMap headers) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(url.toString())
            .setFollowRedirects(false)
            .setHeaders(headers);
    return client
        .request(request)
        .compose(r -> r.send())
        .compose(response -> body(url, response))
        .timeout(settings.fetchTimeoutMs(), TimeUnit.MILLISECONDS)
        .recover(
            e -> {
              if (e instanceof NipcException problem) {
                return Future.failedFuture(problem);
              }
              LOG.debug("Fetching {} failed: {}", url, e.getMessage());
              return Future.failedFuture(
                  failed(
                      "the file at "
                          + url
                          + " could not be fetched (connection, TLS or time-out after "
                          + settings.fetchTimeoutMs()
                          + " ms)"));
            });
  }

  private Future<byte[]> body(URI url, HttpClientResponse response) {
    if (response.statusCode() != 200) {
      response.request().reset();
      return Future.failedFuture(
          failed("the file server answered " + response.statusCode() + " for " + url));
    }
    long max = settings.maxBytes();
    String length = response.getHeader("Content-Length");
    if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19) {
      if (Long.parseLong(length) > max) {
        response.request().reset();
        return Future.failedFuture(tooLong(url, max));
      }
    }
    Promise<byte[]> done = Promise.promise();
    Buffer received = Buffer.buffer();
    response.handler(
        chunk -> {
          if (received.length() + (long) chunk.length() > max) {
            if (done.tryFail(tooLong(url, max))) {
              response.request().reset();
            }
          } else {
            received.appendBuffer(chunk);
          }
        });
    response.exceptionHandler(done::tryFail);
    response.endHandler(v -> done.tryComplete(received.getBytes()));
    return done.future();
  }

  private static NipcException tooLong(URI url, long max) {
    return failed("the file at " + url + " is longer than the " + max + " bytes allowed");
  }

  static NipcException failed(String detail) {
    return NipcException.of(NipcProblem.EXTENSION_FIRMWARE_UPDATE_FAILED, detail);
  }
}
