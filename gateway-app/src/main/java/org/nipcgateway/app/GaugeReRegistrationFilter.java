package org.nipcgateway.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Micrometer's start-up warning that a Vert.x gauge "has been already registered".
 * vertx-micrometer 5.0.8 registers its active-connection gauge again for every connection the
 * server accepts (the gauge's value is shared, so nothing is lost or miscounted), and Micrometer
 * warns about the second registration. Operators read it as a fault; every other warning of
 * Micrometer, and this one about any meter that is not Vert.x's, still goes through.
 */
public final class GaugeReRegistrationFilter extends TurboFilter {
  private static final String REGISTRY_LOGGER = "io.micrometer.core.instrument.MeterRegistry";
  private static final String WARNING =
      "This Gauge has been already registered (MeterId{name='vertx.";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    boolean vertxGaugeAgain =
        level == Level.WARN
            && format != null
            && format.startsWith(WARNING)
            && REGISTRY_LOGGER.equals(logger.getName());
    return vertxGaugeAgain ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
