package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;

/** One HTTP response: status, headers and the body as text and (when it is JSON) as a tree. */
public record Reply(int status, HttpHeaders headers, String text) {

  public JsonNode json() {
    try {
      return ScimClient.JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("body is not JSON: " + text, e);
    }
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  @Override
  public String toString() {
    return status + " " + text;
  }
}
