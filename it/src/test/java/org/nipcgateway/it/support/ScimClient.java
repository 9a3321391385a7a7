package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Talks to a gateway over real HTTP (the JDK client), the way an onboarding app would. */
public final class ScimClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient PLAIN =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final HttpClient http;
  private final String token;
  private final Duration timeout;

  /** A client without credentials, over plain HTTP or with the JDK's default trust. */
  public ScimClient(String base) {
    this(base, PLAIN, null);
  }

  /**
   * @param token sent as a bearer token unless a request names its own Authorization header; null
   *     for none
   */
  public ScimClient(String base, HttpClient http, String token) {
    this(base, http, token, Duration.ofSeconds(30));
  }

  private ScimClient(String base, HttpClient http, String token, Duration timeout) {
    this.base = base;
    this.http = http;
    this.token = token;
    this.timeout = timeout;
  }

  /** The same gateway with other credentials (null: none). */
  public ScimClient withToken(String otherToken) {
    return new ScimClient(base, http, otherToken, timeout);
  }

  /** The same gateway and credentials, waiting longer for answers (large bulk requests). */
  public ScimClient withTimeout(Duration longer) {
    return new ScimClient(base, http, token, longer);
  }

  public String base() {
    return base;
  }

  public String token() {
    return token;
  }

  public HttpClient http() {
    return http;
  }

  public Reply get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public Reply post(String path, Object body, String... headers) {
    return send("POST", path, body, headers);
  }

  public Reply put(String path, Object body, String... headers) {
    return send("PUT", path, body, headers);
  }

  public Reply patch(String path, Object body, String... headers) {
    return send("PATCH", path, body, headers);
  }

  public Reply delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  /** Creates a resource and returns its view, failing the test unless the server says 201. */
  public ObjectNode create(String endpoint, Object body) {
    Reply reply = post("/scim/v2" + endpoint, body);
    if (reply.status() != 201) {
      throw new AssertionError(
          "create at " + endpoint + " gave " + reply.status() + ": " + reply.text());
    }
    return (ObjectNode) reply.json();
  }

  /** Every resource at an endpoint, as the list endpoint returns them. */
  public JsonNode list(String endpoint, String query) {
    return get("/scim/v2" + endpoint + (query.isEmpty() ? "" : "?" + query)).json();
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends a request. A String body goes as it is (so tests can send malformed JSON); anything else
   * is serialised as JSON. Content-Type is application/scim+json unless a header says else.
   */
  public Reply send(String method, String path, Object body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    boolean contentTypeGiven = false;
    boolean authorizationGiven = false;
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
      contentTypeGiven |= headers[i].equalsIgnoreCase("Content-Type");
      authorizationGiven |= headers[i].equalsIgnoreCase("Authorization");
    }
    if (token != null && !authorizationGiven) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
    if (body != null) {
      publisher = HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body));
      if (!contentTypeGiven) {
        request.header("Content-Type", "application/scim+json");
      }
    }
    try {
      HttpResponse<String> response =
          http.send(
              request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
      Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
      OpenApiContract.document().check(method, path, reply);
      return reply;
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
