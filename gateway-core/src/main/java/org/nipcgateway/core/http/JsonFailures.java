package org.nipcgateway.core.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Says in a client's words why Jackson could not read or bind a body. Jackson's own messages name
 * its classes, ours and its settings ({@code bound as `com.fasterxml…JsonNode`}, {@code
 * StreamReadConstraints}); those are internals and never reach a response.
 */
public final class JsonFailures {
  private JsonFailures() {}

  public static String describe(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return "malformed JSON: nested too deeply, or a value too long";
    }
    if (e instanceof JsonParseException parse) {
      // The parser's own text speaks of characters and tokens only.
      return "malformed JSON: " + parse.getOriginalMessage();
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
      return mismatch.getOriginalMessage().startsWith("Trailing token")
          ? "malformed JSON: more than one value"
          : "malformed JSON: no value";
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return "unexpected value at " + pointer(mapping);
    }
    return "malformed JSON";
  }

  /** Where in the body binding failed, as a JSON pointer. */
  public static String pointer(JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference step : e.getPath()) {
      pointer.append('/');
      pointer.append(step.getFieldName() != null ? step.getFieldName() : step.getIndex());
    }
    return pointer.toString();
  }
}
