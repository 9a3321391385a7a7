package org.nipcgateway.core.nipc.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The enum names the problem types; the catalog gives their statuses. They must not drift. */
class NipcProblemTest {
  private static final String BASE = "https://www.iana.org/assignments/nipc-problem-types#";

  @Test
  void the_catalog_names_exactly_the_enums_problem_types() throws Exception {
    List<String> catalog = new ArrayList<>();
    try (InputStream in = NipcProblem.class.getResourceAsStream("/nipc/problem-types.json")) {
      for (JsonNode type : new ObjectMapper().readTree(in).path("types")) {
        catalog.add(type.path("name").asText());
      }
    }

    assertThat(catalog)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(NipcProblem.values()).map(NipcProblem::wireName).toList());
  }

  @Test
  void every_problem_resolves_to_its_uri_with_a_client_or_gateway_error_status() {
    ProblemTypes types = ProblemTypes.load();

    for (NipcProblem problem : NipcProblem.values()) {
      ProblemType type = types.of(problem);
      assertThat(type.uri()).isEqualTo(BASE + problem.wireName());
      assertThat(type.status()).isBetween(400, 599);
      assertThat(type.title()).isNotBlank();
    }
  }

  @Test
  void an_exception_of_a_problem_carries_that_problems_type_and_the_detail() {
    ProblemDocuments documents = new ProblemDocuments(ProblemTypes.load());

    NipcException failure = NipcException.of(NipcProblem.EVENT_NOT_ENABLED, "No instance 7");

    assertThat(documents.of(failure).getString("type")).isEqualTo(BASE + "event-not-enabled");
    assertThat(documents.of(failure).getInteger("status")).isEqualTo(400);
    assertThat(documents.of(failure).getString("detail")).isEqualTo("No instance 7");
  }
}
