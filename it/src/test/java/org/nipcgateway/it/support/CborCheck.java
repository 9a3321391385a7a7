package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes DataBatch payloads with Debian's python3-cbor2, an encoder independent of ours, and
 * checks them against data_subscription.cddl ({@code /cbor/check_data_batch.py}); answers one JSON
 * summary per DataSubscription.
 */
public final class CborCheck {
  private CborCheck() {}

  public static JsonNode decode(List<String> hexPayloads) {
    try {
      Path script = Files.createTempFile("check_data_batch", ".py");
      try (InputStream in = CborCheck.class.getResourceAsStream("/cbor/check_data_batch.py")) {
        Files.write(script, in.readAllBytes());
      }
      List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
      command.addAll(hexPayloads);
      Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
        throw new AssertionError("a payload breaks the CDDL: " + output);
      }
      return ScimClient.JSON.readTree(output);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("python3-cbor2 is needed (apt-get install python3-cbor2)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
