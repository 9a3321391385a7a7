package org.nipcgateway.core.radio;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What the gateway lends a driver besides its settings: the data dir, under which a driver may keep
 * state of its own (a Zigbee network's nodes), and the gateway's secret sealing, so that keys a
 * driver stores (a network key) are sealed with the same key as the gateway's other secrets.
 *
 * @param dataDir the gateway's data dir; a driver keeps to a sub-directory named for itself
 * @param seal turns a secret into the sealed text that may be stored
 * @param open turns sealed text back into the secret; fails with an {@link
 *     IllegalArgumentException} for text sealed with another key
 */
public record RadioEnvironment(
    Path dataDir, UnaryOperator<String> seal, UnaryOperator<String> open) {}
