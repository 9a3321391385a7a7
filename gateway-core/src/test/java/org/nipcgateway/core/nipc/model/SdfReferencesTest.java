package org.nipcgateway.core.nipc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.nipc.problem.NipcException;

class SdfReferencesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Function<String, Optional<ObjectNode>> NO_OTHER_MODELS =
      uri -> Optional.empty();

  private static ObjectNode doc(String json) {
    try {
      return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ObjectNode model(String sdfData, String properties) {
    return doc(
        "{'namespace':{'t':'https://example.com/t','cap':'https://example.com/cap'},"
            + "'defaultNamespace':'t','sdfData':{"
            + sdfData
            + "},'sdfObject':{'o':{'sdfProperty':{"
            + properties
            + "}}}}");
  }

  private static JsonNode property(ObjectNode resolved, String name) {
    return resolved.at("/sdfObject/o/sdfProperty/" + name);
  }

  @Test
  void a_reference_copies_the_target_and_local_members_override_or_remove_qualities() {
    ObjectNode resolved =
        SdfReferences.resolve(
            model(
                "'temp':{'type':'number','unit':'Cel','readable':true,'writable':true,"
                    + "'sdfProtocolMap':{'ble':{'serviceID':'1809','characteristicID':'2A1C'}}}",
                "'t1':{'sdfRef':'#/sdfData/temp','unit':'K','writable':null}"),
            NO_OTHER_MODELS);

    JsonNode t1 = property(resolved, "t1");
    assertThat(t1.has("sdfRef")).isFalse();
    assertThat(t1.path("type").asText()).isEqualTo("number");
    assertThat(t1.path("unit").asText()).isEqualTo("K");
    assertThat(t1.path("readable").asBoolean()).isTrue();
    assertThat(t1.has("writable")).isFalse();
    assertThat(t1.at("/sdfProtocolMap/ble/characteristicID").asText()).isEqualTo("2A1C");
  }

  @Test
  void nested_maps_merge_member_by_member() {
    ObjectNode resolved =
        SdfReferences.resolve(
            model(
                "'temp':{'sdfProtocolMap':{'ble':{'serviceID':'1809','characteristicID':'2A1C'}}}",
                "'t1':{'sdfRef':'#/sdfData/temp','sdfProtocolMap':{'ble':{'characteristicID':'2A1E'}}}"),
            NO_OTHER_MODELS);

    assertThat(property(resolved, "t1").at("/sdfProtocolMap/ble/serviceID").asText())
        .isEqualTo("1809");
    assertThat(property(resolved, "t1").at("/sdfProtocolMap/ble/characteristicID").asText())
        .isEqualTo("2A1E");
  }

  @Test
  void a_target_that_itself_refers_is_resolved_first() {
    ObjectNode resolved =
        SdfReferences.resolve(
            model(
                "'base':{'type':'integer','minimum':0},'pct':{'sdfRef':'#/sdfData/base','maximum':100}",
                "'level':{'sdfRef':'#/sdfData/pct'}"),
            NO_OTHER_MODELS);

    assertThat(property(resolved, "level"))
        .isEqualTo(doc("{'type':'integer','minimum':0,'maximum':100}"));
  }

  @Test
  void the_document_the_client_sent_is_left_as_it_was() {
    ObjectNode sent = model("'base':{'type':'integer'}", "'p':{'sdfRef':'#/sdfData/base'}");
    ObjectNode copy = sent.deepCopy();

    SdfReferences.resolve(sent, NO_OTHER_MODELS);

    assertThat(sent).isEqualTo(copy);
  }

  @Test
  void a_prefix_of_the_models_own_namespace_refers_into_the_same_document() {
    ObjectNode resolved =
        SdfReferences.resolve(
            model("'base':{'type':'boolean'}", "'p':{'sdfRef':'t:#/sdfData/base'}"),
            NO_OTHER_MODELS);

    assertThat(property(resolved, "p").path("type").asText()).isEqualTo("boolean");
  }

  @Test
  void a_prefix_of_another_namespace_refers_into_the_model_registered_under_it() {
    ObjectNode capabilities =
        doc("{'sdfObject':{'Switch':{'sdfProperty':{'on':{'type':'boolean'}}}}}");
    Map<String, ObjectNode> registered = Map.of("https://example.com/cap", capabilities);

    ObjectNode resolved =
        SdfReferences.resolve(
            model("", "'p':{'sdfRef':'cap:#/sdfObject/Switch/sdfProperty/on'}"),
            uri -> Optional.ofNullable(registered.get(uri)));

    assertThat(property(resolved, "p").path("type").asText()).isEqualTo("boolean");
  }

  @Test
  void cycles_are_refused() {
    assertRefused(
        model(
            "'a':{'sdfRef':'#/sdfData/b'},'b':{'sdfRef':'#/sdfData/a'}",
            "'p':{'sdfRef':'#/sdfData/a'}"),
        "cycle");
    assertRefused(model("", "'p':{'sdfRef':'#/sdfObject/o'}"), "cycle");
  }

  @Test
  void dangling_and_malformed_references_are_refused_with_the_reference_named() {
    assertRefused(model("", "'p':{'sdfRef':'#/sdfData/missing'}"), "#/sdfData/missing");
    assertRefused(model("", "'p':{'sdfRef':'nope:#/sdfData/x'}"), "not declared");
    assertRefused(model("", "'p':{'sdfRef':'cap:#/sdfData/x'}"), "no registered model");
    assertRefused(model("", "'p':{'sdfRef':'/sdfData/x'}"), "name reference");
    assertRefused(model("", "'p':{'sdfRef':42}"), "string");
    assertRefused(model("'s':'text'", "'p':{'sdfRef':'#/sdfData/s'}"), "definition");
  }

  @Test
  void references_that_expand_beyond_the_bound_are_refused() {
    // Each level refers three times to the one below: 3^12 copies of the leaf.
    StringBuilder data = new StringBuilder("'l0':{'type':'integer'}");
    for (int level = 1; level <= 12; level++) {
      String below = "{'sdfRef':'#/sdfData/l" + (level - 1) + "'}";
      data.append(",'l")
          .append(level)
          .append("':{'sdfChoice':{'a':")
          .append(below)
          .append(",'b':")
          .append(below)
          .append(",'c':")
          .append(below)
          .append("}}");
    }

    assertRefused(model(data.toString(), "'p':{'sdfRef':'#/sdfData/l12'}"), "more than");
  }

  private static void assertRefused(ObjectNode document, String detailPart) {
    assertThatThrownBy(() -> SdfReferences.resolve(document, NO_OTHER_MODELS))
        .isInstanceOfSatisfying(
            NipcException.class, e -> assertThat(e.getMessage()).contains(detailPart));
  }
}
