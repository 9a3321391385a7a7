package org.nipcgateway.core.nipc.extension.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nipcgateway.core.nipc.problem.NipcException;

class CallbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode body(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void a_callback_has_its_url_and_headers_and_shows_only_its_origin() throws Exception {
    Callback callback =
        Callback.of(
                body(
                    "{\"callback\": {\"url\": \"https://apps.example:8443/r?key=secret\","
                        + " \"headers\": {\"x-api-key\": \"1234567890\"}}}"))
            .orElseThrow();

    assertThat(callback.url().getPath()).isEqualTo("/r");
    assertThat(callback.headers()).containsEntry("x-api-key", "1234567890");
    assertThat(callback.origin()).isEqualTo("https://apps.example:8443");
    assertThat(callback.toString()).doesNotContain("secret").doesNotContain("1234567890");
  }

  @Test
  void a_body_without_callback_has_none() throws Exception {
    assertThat(Callback.of(body("{\"value\": \"AQ==\"}"))).isEmpty();
    assertThat(Callback.of(body("{\"callback\": null}"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"https://x\"",
        "{}",
        "{\"url\": 5}",
        "{\"url\": \"ftp://files.example/\"}",
        "{\"url\": \"file:///etc/passwd\"}",
        "{\"url\": \"/relative\"}",
        "{\"url\": \"https://user:pw@apps.example/\"}",
        "{\"url\": \"https://apps.example/ a\"}",
        "{\"url\": \"https://apps.example/\", \"extra\": 1}",
        "{\"url\": \"https://apps.example/\", \"headers\": []}",
        "{\"url\": \"https://apps.example/\", \"headers\": {\"Host\": \"evil\"}}",
        "{\"url\": \"https://apps.example/\", \"headers\": {\"Content-Length\": \"1\"}}",
        "{\"url\": \"https://apps.example/\", \"headers\": {\"bad name\": \"v\"}}",
        "{\"url\": \"https://apps.example/\", \"headers\": {\"x-a\": \"line\\r\\nInjected: 1\"}}",
        "{\"url\": \"https://apps.example/\", \"headers\": {\"x-a\": 1}}"
      })
  void callbacks_the_gateway_should_not_call_are_bad_requests(String callback) throws Exception {
    JsonNode request = body("{\"callback\": " + callback + "}");

    assertThatThrownBy(() -> Callback.of(request))
        .isInstanceOfSatisfying(
            NipcException.class, e -> assertThat(e.genericStatus()).isEqualTo(400));
  }

  @Test
  void too_many_headers_are_a_bad_request() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i <= Callback.MAX_HEADERS; i++) {
      headers.append(i == 0 ? "" : ",").append("\"x-h").append(i).append("\": \"v\"");
    }
    JsonNode request =
        body("{\"callback\": {\"url\": \"http://a.example/\", \"headers\": {" + headers + "}}}");

    assertThatThrownBy(() -> Callback.of(request)).isInstanceOf(NipcException.class);
  }
}
