package org.nipcgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GaugeReRegistrationFilterTest {
  private final GaugeReRegistrationFilter filter = new GaugeReRegistrationFilter();
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @Test
  void the_shipped_configuration_keeps_a_second_vertx_gauge_registration_out_of_the_log() {
    Logger registryLogger = context.getLogger("io.micrometer.core.instrument.MeterRegistry");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    registryLogger.addAppender(seen);
    try {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      // What vertx-micrometer does for each accepted connection: the same gauge, a new state.
      for (int connection = 0; connection < 2; connection++) {
        Gauge.builder("vertx.http.server.active.connections", new AtomicLong(), AtomicLong::get)
            .register(registry);
      }
      assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    } finally {
      registryLogger.detachAppender(seen);
    }
  }

  @Test
  void the_same_warning_about_a_meter_that_is_not_vertx_goes_through() {
    Logger registryLogger = context.getLogger("io.micrometer.core.instrument.MeterRegistry");
    String warning =
        "This Gauge has been already registered (MeterId{name='nipc.queue.depth', tags=[]})";

    assertThat(filter.decide(null, registryLogger, Level.WARN, warning, null, null))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void other_loggers_and_levels_are_left_alone() {
    String warning =
        "This Gauge has been already registered (MeterId{name='vertx.http.server.active.connections'";

    assertThat(filter.decide(null, context.getLogger("other"), Level.WARN, warning, null, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            filter.decide(
                null,
                context.getLogger("io.micrometer.core.instrument.MeterRegistry"),
                Level.ERROR,
                warning,
                null,
                null))
        .isEqualTo(FilterReply.NEUTRAL);
  }
}
