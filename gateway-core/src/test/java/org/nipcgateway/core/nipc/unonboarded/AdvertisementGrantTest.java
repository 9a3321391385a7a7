package org.nipcgateway.core.nipc.unonboarded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleAdvertisement;

/** What a grant lets through, how it reads and shows, and its per-second budget. */
class AdvertisementGrantTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Flags; 16-bit UUID 1809; service data 180F = 64; manufacturer data of 0x004C = 01 02. */
  private static final BleAdvertisement THERMOMETER =
      BleAdvertisement.fromRaw(
          BleAddress.parse("D5:00:00:00:00:01"),
          -50,
          HexFormat.of().parseHex("020106" + "03030918" + "04160f1864" + "05ff4c000102"));

  private static AdvertisementGrant grant(String body) throws Exception {
    return AdvertisementGrant.parse("app", JSON.readTree(body));
  }

  @Test
  void a_grant_matches_any_listed_service_company_or_address_prefix() throws Exception {
    assertThat(grant("{\"serviceUuids\":[\"1809\"]}").filter().matches(THERMOMETER)).isTrue();
    assertThat(
            grant("{\"serviceUuids\":[\"0000180f-0000-1000-8000-00805f9b34fb\"]}")
                .filter()
                .matches(THERMOMETER))
        .as("service data counts as advertising the service")
        .isTrue();
    assertThat(grant("{\"companyIds\":[76]}").filter().matches(THERMOMETER)).isTrue();
    assertThat(grant("{\"addressPrefixes\":[\"d5:00\"]}").filter().matches(THERMOMETER)).isTrue();
    assertThat(
            grant("{\"serviceUuids\":[\"180A\"],\"companyIds\":[6],\"addressPrefixes\":[\"D6\"]}")
                .filter()
                .matches(THERMOMETER))
        .isFalse();
  }

  @Test
  void a_grant_shows_what_it_stores_and_reads_back_the_same() throws Exception {
    AdvertisementGrant grant =
        grant("{\"serviceUuids\":[\"180f\"],\"includeRssi\":true,\"maxPerSecond\":3}");
    JsonNode shown = grant.json();
    assertThat(shown.toString())
        .isEqualTo(
            "{\"dataAppId\":\"app\",\"serviceUuids\":[\"0000180f-0000-1000-8000-00805f9b34fb\"],"
                + "\"companyIds\":[],\"addressPrefixes\":[],\"includeRssi\":true,"
                + "\"maxPerSecond\":3}");
    com.fasterxml.jackson.databind.node.ObjectNode stored = grant.json();
    stored.remove("dataAppId");
    assertThat(AdvertisementGrant.parse("app", stored)).isEqualTo(grant);
  }

  @Test
  void a_grant_without_a_filter_or_with_a_bad_member_is_refused_with_what_is_wrong() {
    assertThatThrownBy(() -> grant("{\"includeRssi\":true}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a filter");
    assertThatThrownBy(() -> grant("{\"serviceUuids\":[\"180F\"],\"deviceID\":\"x\"}"))
        .hasMessageContaining("unknown members [deviceID]");
    assertThatThrownBy(() -> grant("{\"serviceUuids\":[\"0000180F\"]}"))
        .hasMessageContaining("serviceUuids");
  }

  @Test
  void the_budget_lets_so_many_through_per_second_and_counts_the_rest() {
    MutableClock clock = new MutableClock();
    PerSecondBudget budget = new PerSecondBudget(2, clock);
    assertThat(budget.take()).isTrue();
    assertThat(budget.take()).isTrue();
    assertThat(budget.take()).isFalse();
    clock.now = clock.now.plusSeconds(1);
    assertThat(budget.take()).isTrue();
    assertThat(budget.delivered()).isEqualTo(3);
    assertThat(budget.dropped()).isEqualTo(1);
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T10:00:00.100Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
