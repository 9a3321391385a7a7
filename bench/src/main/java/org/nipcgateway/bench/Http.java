package org.nipcgateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few plain HTTP/1.1 calls the benchmark makes itself: setting up (finding demo devices,
 * creating the 10,000 devices), checking that each scenario answers 2xx before it is measured, and
 * polling for cold start. Thread-safe; one instance serves every thread.
 */
final class Http {
  /** What a call answered (location: its Location header, or null); status 0 when nothing did. */
  record Reply(int status, String body, String location) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: wrk speaks HTTP/1.1 too
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  Reply send(String method, String url, String token, String contentType, String body) {
    Reply reply = sendOnce(method, url, token, contentType, body);
    // The gateway closes a keep-alive connection that stays quiet for its request-head timeout
    // (10 s); a request sent just as it does finds the connection gone, unanswered. The JDK client
    // retries only GETs then, so the other idempotent methods are sent once more here.
    if (reply.status() == 0 && (method.equals("DELETE") || method.equals("PUT"))) {
      reply = sendOnce(method, url, token, contentType, body);
    }
    return reply;
  }

  private Reply sendOnce(String method, String url, String token, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      return new Reply(0, e.toString(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, "interrupted", null);
    }
  }

  Reply get(String url, String token) {
    return send("GET", url, token, null, null);
  }

  /** Polls until the URL answers 2xx; false if it did not within the time. */
  boolean awaitOk(String url, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!get(url, null).ok()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(50); // polling a process we do not control; there is nothing to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
