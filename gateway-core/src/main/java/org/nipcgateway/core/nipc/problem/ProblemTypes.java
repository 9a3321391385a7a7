package org.nipcgateway.core.nipc.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The NIPC problem types, read from {@code /nipc/problem-types.json} on the class path. */
public final class ProblemTypes {
  private final Map<String, ProblemType> byName = new LinkedHashMap<>();

  private ProblemTypes() {}

  /** Loads the catalog; a missing or broken document is a build error, so it throws. */
  public static ProblemTypes load() {
    try (InputStream in = ProblemTypes.class.getResourceAsStream("/nipc/problem-types.json")) {
      if (in == null) {
        throw new IllegalStateException("missing /nipc/problem-types.json");
      }
      JsonNode document = new ObjectMapper().readTree(in);
      String base = document.path("baseUri").asText();
      ProblemTypes types = new ProblemTypes();
      for (JsonNode type : document.path("types")) {
        String name = type.path("name").asText();
        types.byName.put(
            name,
            new ProblemType(
                name, base + name, type.path("status").asInt(), type.path("title").asText()));
      }
      return types;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /nipc/problem-types.json", e);
    }
  }

  /** The type of that name; an unknown name is a programming error. */
  public ProblemType named(String name) {
    ProblemType type = byName.get(name);
    if (type == null) {
      throw new IllegalArgumentException("no NIPC problem type '" + name + "'");
    }
    return type;
  }

  public Collection<ProblemType> all() {
    return byName.values();
  }
}
