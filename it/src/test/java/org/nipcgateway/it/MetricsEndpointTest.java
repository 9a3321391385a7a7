package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;
import static org.nipcgateway.it.support.Eventually.eventually;

import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.RunningGateway;

/**
 * {@code GET /metrics}: the Prometheus text format with Vert.x's HTTP server meters and the
 * gateway's own (radio calls, event deliveries, store commits), guarded like every route, with
 * labels that never name a device.
 */
class MetricsEndpointTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();

  private static String scrape() {
    Reply reply = demo.client().get("/metrics");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.text();
  }

  /** The value of the first sample whose line starts with {@code series} (name and labels). */
  private static double sample(String text, String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
            .matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void an_operator_scrapes_the_prometheus_text_format() {
    Reply reply = demo.client().get("/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(reply.text()).contains("# TYPE vertx_http_server_requests_total counter");
    assertThat(reply.text()).contains("jvm_memory_used_bytes");
  }

  @Test
  void http_requests_are_counted_by_route_template_never_by_path() {
    String device = demo.thermometer();
    demo.property(device, "thermometer", "temperatureType");
    String text = scrape();
    assertThat(text)
        .containsPattern(
            "vertx_http_server_requests_total\\{[^}]*route=\"/nipc/>/devices/:id/properties\"");
    assertThat(text).doesNotContain(device);
  }

  @Test
  void each_property_read_is_counted_timed_and_sized_once_under_its_route_template() {
    String labels = "{code=\"200\",method=\"GET\",route=\"/nipc/>/devices/:id/properties\"}";
    String[] series = {
      "vertx_http_server_requests_total" + labels,
      "vertx_http_server_response_time_seconds_count" + labels,
      "vertx_http_server_response_bytes_count" + labels
    };
    String before = scrape();
    demo.property(demo.thermometer(), "thermometer", "temperatureType");
    demo.property(demo.thermometer(), "thermometer", "temperatureType");
    String after = scrape();
    for (String one : series) {
      assertThat(sample(after, one)).as(one).isEqualTo(sample(before, one) + 2);
    }
    assertThat(after).contains("vertx_http_server_active_requests{method=\"GET\"}");
    assertThat(after).contains("vertx_http_server_request_bytes_count{method=\"GET\"}");
  }

  @Test
  void a_property_read_counts_one_successful_ble_read() {
    String series = "nipc_radio_calls_total{operation=\"read\",outcome=\"ok\",radio=\"ble\"}";
    double before = sample(scrape(), series);
    demo.property(demo.thermometer(), "thermometer", "temperatureType");
    assertThat(sample(scrape(), series)).isEqualTo(before + 1);
  }

  @Test
  void a_zigbee_read_is_counted_under_its_own_radio() {
    String series = "nipc_radio_calls_total{operation=\"read\",outcome=\"ok\",radio=\"zigbee\"}";
    double before = sample(scrape(), series);
    demo.property(demo.light(), "light", "temperature");
    assertThat(sample(scrape(), series)).isEqualTo(before + 1);
  }

  @Test
  void a_scim_create_times_one_store_commit_and_counts_its_transaction() {
    String before = scrape();
    demo.client().create("/Devices", Devices.ble("metrics", 1));
    String after = scrape();
    assertThat(sample(after, "nipc_store_commit_seconds_count"))
        .isGreaterThan(sample(before, "nipc_store_commit_seconds_count"));
    assertThat(sample(after, "nipc_store_transactions_total"))
        .isGreaterThan(sample(before, "nipc_store_transactions_total"));
  }

  @Test
  void an_event_delivered_to_a_data_app_is_counted_by_destination_kind() {
    String series = "nipc_event_deliveries_total{destination=\"mqttClient\",outcome=\"delivered\"}";
    double before = sample(scrape(), series);
    Reply enabled =
        demo.post(
            path(demo.button(), "events", "eventName", name("button", "sdfEvent", "pressed")));
    assertThat(enabled.status()).as(enabled.text()).isEqualTo(201);
    try {
      demo.pressButton("AQ==");
      eventually("the press is counted as delivered", () -> sample(scrape(), series) > before);
      assertThat(scrape()).doesNotContain(demo.dataApp());
    } finally {
      demo.client().delete(enabled.header("Location"));
    }
  }

  @Test
  void without_credentials_or_as_an_endpoint_app_the_scrape_is_refused() {
    Reply anonymous = demo.client().withToken(null).get("/metrics");
    assertThat(anonymous.status()).isEqualTo(401);
    Reply app = demo.client().withToken(demo.dataAppToken()).get("/metrics");
    assertThat(app.status()).isEqualTo(403);
  }

  @Test
  void the_open_switch_lets_a_scraper_in_without_a_token() {
    try (RunningGateway open =
        RunningGateway.start(
            GatewayConfig.builder()
                .moduleSettings("metrics", new JsonObject().put("access", "open")))) {
      assertThat(open.anonymous().get("/health").status()).isEqualTo(200);
      Reply reply = open.anonymous().get("/metrics");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.text()).contains("vertx_http_server_requests_total");
    }
  }

  @Test
  void metrics_turned_off_leave_no_route() {
    try (RunningGateway off =
        RunningGateway.start(
            GatewayConfig.builder()
                .moduleSettings("metrics", new JsonObject().put("enabled", false)))) {
      assertThat(off.scim().get("/metrics").status()).isEqualTo(404);
      assertThat(off.scim().get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void an_unknown_metrics_key_stops_the_start() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                RunningGateway.start(
                    GatewayConfig.builder()
                        .moduleSettings("metrics", new JsonObject().put("acces", "open"))))
        .rootCause()
        .hasMessageContaining("unknown config key 'metrics.acces'");
  }
}
