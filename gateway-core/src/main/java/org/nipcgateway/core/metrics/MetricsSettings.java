package org.nipcgateway.core.metrics;

import org.nipcgateway.core.config.Settings;

/**
 * The {@code metrics} config section: {@code "metrics": {"enabled": true, "access": "operators"}}.
 *
 * @param enabled whether meters are kept and {@code GET /metrics} exists (default true)
 * @param access who may scrape: {@code OPERATORS} (an operator token or identity-provider caller,
 *     never an endpoint app; the default) or {@code OPEN} (no credentials, for a scraper on a
 *     trusted network that cannot hold a token)
 */
public record MetricsSettings(boolean enabled, Access access) {

  /** Who may read {@code GET /metrics}. */
  public enum Access {
    OPERATORS,
    OPEN
  }

  public static MetricsSettings defaults() {
    return new MetricsSettings(true, Access.OPERATORS);
  }

  /** Reads the section and rejects keys it does not know. */
  public static MetricsSettings of(Settings section) {
    MetricsSettings settings =
        new MetricsSettings(
            section.flag("enabled", true), section.choice("access", Access.OPERATORS));
    section.rejectUnknownKeys();
    return settings;
  }
}
