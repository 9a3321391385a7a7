package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.LogCapture;
import org.nipcgateway.it.support.RawHttp;
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
