package org.nipcgateway.scim.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.security.Principal;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.scim.query.ListQuery;
import org.nipcgateway.scim.query.QueryRunner;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * A query answered through the attribute indexes gives exactly what the full scan gives, for
 * filters the indexes answer ({@code eq} on indexed attributes, in any spelling and letter case,
 * combined with {@code and}/{@code or}) and for those they leave to the scan.
 */
class IndexedQueriesTest {
  private static final ScimSchemaCatalog CATALOG = ScimSchemaCatalog.load();
  private static final ScimResourceType DEVICE = CATALOG.resourceType(ScimNames.DEVICE);
  private static final Links LINKS = new Links("https://gw.example");
  private static final Principal OPERATOR = Principal.operator("token:test", Set.of(Role.values()));
  private static final ResourceViews VIEWS = new ResourceViews(CATALOG);

  private static final List<String> NAMES =
      List.of("Lamp", "lamp", "LAMP", "Door sensor", "2026-01-01T00:00:00Z", "Straße");
  private static final List<String> MACS =
      List.of("AA:BB:CC:DD:EE:01", "aa:bb:cc:dd:ee:01", "AA:BB:CC:DD:EE:02");
  private static final List<String> EUIS =
      List.of("00:11:22:33:44:55:66:77", "00:11:22:33:44:55:66:78");
  private static final List<String> APPS = List.of("app-1", "APP-1", "app-2");
  private static final List<String> ATTRIBUTES =
      List.of(
          "displayName",
          "DisplayName",
          ScimNames.CORE_DEVICE_SCHEMA + ":displayName",
          "externalId",
          ScimNames.BLE + ":deviceMacAddress",
          ScimNames.BLE + ":DEVICEMACADDRESS",
          ScimNames.ZIGBEE + ":deviceEui64Address",
          ScimNames.ENDPOINT_APPS + ":applications.value",
          "active");

  private static StoredResource device(int i, String name, String mac, String eui, String app) {
    ObjectNode a = JsonNodeFactory.instance.objectNode();
    var schemas = a.putArray("schemas").add(ScimNames.CORE_DEVICE_SCHEMA);
    a.put("displayName", name);
    a.put("active", i % 2 == 0);
    if (i % 3 != 0) {
      a.put("externalId", name.toUpperCase());
    }
    if (mac != null) {
      schemas.add(ScimNames.BLE);
      a.putObject(ScimNames.BLE).put("deviceMacAddress", mac);
    }
    if (eui != null) {
      schemas.add(ScimNames.ZIGBEE);
      a.putObject(ScimNames.ZIGBEE).put("deviceEui64Address", eui);
    }
    if (app != null) {
      schemas.add(ScimNames.ENDPOINT_APPS);
      var apps = a.putObject(ScimNames.ENDPOINT_APPS).putArray("applications");
      apps.addObject().put("value", app);
      apps.addObject().put("value", "app-3");
    }
    Instant t = Instant.parse("2026-12-02T00:00:00Z").plusSeconds(i);
    return new StoredResource(
        "id-" + i, ScimNames.DEVICE, 1, t, t, a, JsonNodeFactory.instance.objectNode());
  }

  @Provide
  Arbitrary<List<StoredResource>> registries() {
    Arbitrary<String> name = Arbitraries.of(NAMES);
    Arbitrary<String> mac = Arbitraries.of(MACS).injectNull(0.3);
    Arbitrary<String> eui = Arbitraries.of(EUIS).injectNull(0.5);
    Arbitrary<String> app = Arbitraries.of(APPS).injectNull(0.4);
    return Combinators.combine(name, mac, eui, app)
        .as((n, m, e, a) -> java.util.Arrays.asList(n, m, e, a))
        .list()
        .ofMaxSize(25)
        .map(
            rows -> {
              List<StoredResource> devices = new ArrayList<>();
              for (int i = 0; i < rows.size(); i++) {
                List<String> r = rows.get(i);
                devices.add(device(i, r.get(0), r.get(1), r.get(2), r.get(3)));
              }
              return devices;
            });
  }

  @Provide
  Arbitrary<String> filters() {
    Arbitrary<String> value =
        Arbitraries.of(
                concat(
                    NAMES,
                    MACS,
                    EUIS,
                    APPS,
                    List.of("lamp", "DOOR SENSOR", "STRASSE", "x", "2026-01-01T01:00:00+01:00")))
            .map(v -> "\"" + v + "\"");
    Arbitrary<String> comparison =
        Combinators.combine(
                Arbitraries.of(ATTRIBUTES),
                Arbitraries.of("eq", "eq", "eq", "ne", "co", "sw"),
                value)
            .as((a, op, v) -> a + " " + op + " " + v);
    Arbitrary<String> simple =
        Arbitraries.oneOf(comparison, comparison, Arbitraries.of(ATTRIBUTES).map(a -> a + " pr"));
    return Arbitraries.oneOf(
        simple,
        Combinators.combine(simple, Arbitraries.of("and", "or"), simple)
            .as((l, op, r) -> "(" + l + ") " + op + " (" + r + ")"),
        Combinators.combine(simple, simple, simple)
            .as((a, b, c) -> a + " and (" + b + " or " + c + ")"),
        simple.map(s -> "not (" + s + ")"));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> l : lists) {
      all.addAll(l);
    }
    return all;
  }

  private static ObjectNode answer(RegistryIndex index, ListQuery query, boolean useIndexes)
      throws ScimException {
    List<StoredResource> candidates =
        useIndexes
            ? query
                .filter()
                .flatMap(f -> FilterCandidates.ids(f, DEVICE, index))
                .map(index::inOrder)
                .orElseGet(() -> index.ofType(ScimNames.DEVICE))
            : index.ofType(ScimNames.DEVICE);
    List<TypedView> views = new ArrayList<>();
    for (StoredResource r : candidates) {
      views.add(new TypedView(DEVICE, VIEWS.view(r, index, LINKS)));
    }
    return QueryRunner.run(views, query);
  }

  private static ListQuery query(String filter) throws ScimException {
    return ListQuery.fromParameters(p -> p.equals("filter") ? List.of(filter) : List.of(), 1000);
  }

  @Property(tries = 500)
  void the_indexes_only_narrow_what_the_filter_decides(
      @ForAll("registries") List<StoredResource> devices, @ForAll("filters") String filter)
      throws ScimException {
    RegistryIndex index = RegistryIndex.of(CATALOG, RegistryService.TYPES, devices);
    ListQuery query = query(filter);

    assertThat(answer(index, query, true)).isEqualTo(answer(index, query, false));
  }

  @Example
  void an_eq_on_the_mac_finds_it_in_any_letter_case_without_a_scan() throws ScimException {
    List<StoredResource> devices = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      devices.add(
          device(i, "d" + i, String.format("AA:BB:CC:DD:%02X:%02X", i / 256, i % 256), null, null));
    }
    RegistryIndex index = RegistryIndex.of(CATALOG, RegistryService.TYPES, devices);
    ListQuery query = query(ScimNames.BLE + ":deviceMacAddress eq \"aa:bb:cc:dd:03:e7\"");

    Optional<Set<String>> candidates = FilterCandidates.ids(query.filter().get(), DEVICE, index);
    assertThat(candidates).contains(Set.of("id-999"));
    assertThat(answer(index, query, true).path("totalResults").asInt()).isEqualTo(1);
  }

  @Example
  void filters_the_indexes_cannot_answer_fall_back_to_the_scan() throws ScimException {
    RegistryIndex index = RegistryIndex.of(CATALOG, RegistryService.TYPES, List.of());
    for (String filter :
        List.of(
            "displayName co \"a\"",
            "displayName eq \"2026-01-01T00:00:00Z\"",
            "active eq true",
            "(displayName eq \"a\") or (active eq true)",
            "not (displayName eq \"a\")",
            ScimNames.ENDPOINT_APPS + ":applications[value eq \"a\"]")) {
      assertThat(FilterCandidates.ids(query(filter).filter().get(), DEVICE, index))
          .as(filter)
          .isEmpty();
    }
  }

  @Example
  void the_index_follows_updates_and_deletes() {
    RegistryIndex index =
        RegistryIndex.of(
            CATALOG,
            RegistryService.TYPES,
            List.of(
                device(1, "Lamp", MACS.get(0), null, "app-1"),
                device(2, "Door", null, null, null)));
    StoredResource renamed = device(1, "Kettle", MACS.get(2), null, null);
    index.apply(new org.nipcgateway.core.storage.ChangeSet().put(renamed).delete("id-2"));

    assertThat(index.candidates(ScimNames.DEVICE, "|displayname.", "lamp")).contains(Set.of());
    assertThat(index.candidates(ScimNames.DEVICE, "|displayname.", "KETTLE"))
        .contains(Set.of("id-1"));
    assertThat(index.devicesLinkedTo("app-1")).isEmpty();
    assertThat(index.find("id-2")).isEmpty();
    assertThat(index.ofType(ScimNames.DEVICE))
        .extracting(StoredResource::id)
        .containsExactly("id-1");
  }
}
