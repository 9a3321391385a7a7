package org.nipcgateway.core.nipc.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The status and title of every {@link NipcProblem}, read from {@code /nipc/problem-types.json} on
 * the class path: the draft gives no statuses, so ours are data next to the titles, with the
 * reasons for them.
 */
public final class ProblemTypes {
  private final Map<NipcProblem, ProblemType> byProblem = new EnumMap<>(NipcProblem.class);

  private ProblemTypes() {}

  /**
   * Loads the catalog; a missing or broken document, or one whose names differ from {@link
   * NipcProblem}'s, is a build error, so it throws.
   */
  public static ProblemTypes load() {
    try (InputStream in = ProblemTypes.class.getResourceAsStream("/nipc/problem-types.json")) {
      if (in == null) {
        throw new IllegalStateException("missing /nipc/problem-types.json");
      }
      JsonNode document = new ObjectMapper().readTree(in);
      String base = document.path("baseUri").asText();
      ProblemTypes types = new ProblemTypes();
      Map<String, JsonNode> entries = new HashMap<>();
      for (JsonNode type : document.path("types")) {
        entries.put(type.path("name").asText(), type);
      }
      for (NipcProblem problem : NipcProblem.values()) {
        String name = problem.wireName();
        JsonNode type = entries.remove(name);
        if (type == null) {
          throw new IllegalStateException("/nipc/problem-types.json has no entry for " + name);
        }
        types.byProblem.put(
            problem,
            new ProblemType(
                name, base + name, type.path("status").asInt(), type.path("title").asText()));
      }
      if (!entries.isEmpty()) {
        throw new IllegalStateException(
            "/nipc/problem-types.json names types that NipcProblem lacks: " + entries.keySet());
      }
      return types;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /nipc/problem-types.json", e);
    }
  }

  /** The status, title and URI of that problem; every problem has one, {@link #load()} checks. */
  public ProblemType of(NipcProblem problem) {
    return byProblem.get(problem);
  }

  /** Every problem type, in {@link NipcProblem} order. */
  public Collection<ProblemType> all() {
    return byProblem.values();
  }
}
