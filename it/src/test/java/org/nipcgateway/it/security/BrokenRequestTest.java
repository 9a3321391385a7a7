package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.LogCapture;
import org.nipcgateway.it.support.RawHttp;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;

/** Requests that do not even parse are answered as problems and cost the log one short line. */
class BrokenRequestTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();

  @Test
  void a_path_with_a_broken_percent_escape_gets_a_problem_400_and_one_debug_line()
      throws Exception {
    try (LogCapture log = new LogCapture("org.nipcgateway")) {
      String answer =
          RawHttp.send(gateway.running().port(), "GET /x%d HTTP/1.1\r\nHost: 127.0.0.1\r\n");

      assertThat(answer).startsWith("HTTP/1.1 400 ");
      assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
      var problem = ScimClient.JSON.readTree(RawHttp.body(answer));
      assertThat(problem.path("status").asInt()).isEqualTo(400);
      assertThat(problem.path("title").asText()).isEqualTo("Bad Request");
      assertThat(log.events())
          .as("log lines")
          .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull())
          .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
          .isEmpty();
      assertThat(log.mentioning("/x%d")).hasSize(1).allMatch(e -> e.getLevel() == Level.DEBUG);
    }
  }

  @Test
  void an_address_that_keeps_sending_broken_requests_gets_429_and_is_disconnected()
      throws Exception {
    io.vertx.core.json.JsonObject limit =
        new io.vertx.core.json.JsonObject()
            .put(
                "malformedRequests",
                new io.vertx.core.json.JsonObject().put("perSecond", 0.1).put("burst", 3));
    try (RunningGateway limited =
        RunningGateway.start(GatewayConfig.builder().moduleSettings("security", limit))) {
      java.util.List<String> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String path = i % 2 == 0 ? "/x%d" : "/health?a=%zz";
        String answer =
            RawHttp.send(limited.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        statuses.add(answer.substring(9, 12));
      }
      assertThat(statuses).containsExactly("400", "400", "400", "429", "429", "429");
      String refused = RawHttp.send(limited.port(), "GET /x%d HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      assertThat(refused).containsIgnoringCase("retry-after:").contains("problem+json");
      // Well-formed requests from the same address are not limited by it.
      assertThat(limited.anonymous().get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void a_broken_escape_under_the_api_prefixes_is_a_problem_too() throws Exception {
    for (String path : new String[] {"/nipc/devices/%zz/properties", "/scim/v2/Devices/%d"}) {
      String answer =
          RawHttp.send(
              gateway.running().port(),
              "GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + gateway.running().operatorToken()
                  + "\r\n");
      assertThat(answer).as(path).startsWith("HTTP/1.1 400 ");
      assertThat(RawHttp.body(answer)).as(path).contains("\"status\"");
    }
  }
}
