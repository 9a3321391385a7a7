package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The specification files beside the repository ({@code ../shared/spec}): the contract the gateway
 * is tested against. Their absence is a failure, never a reason to skip.
 */
public final class Specs {
  private Specs() {}

  public static Path root() {
    Path configured = Path.of(System.getProperty("nipc.spec.dir", "../../shared/spec"));
    if (!Files.isRegularFile(configured.resolve("README.md"))) {
      throw new IllegalStateException(
          "specification folder not found at " + configured.toAbsolutePath());
    }
    return configured;
  }

  public static List<Path> scimExamples() {
    try (Stream<Path> files = Files.list(root().resolve("scim-devices/examples"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode json(Path file) {
    try {
      return (ObjectNode) ScimClient.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
