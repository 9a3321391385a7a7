package org.nipcgateway.core.radios;

import org.nipcgateway.core.radio.RadioState;

/** A configured radio family as health reports show it: the driver that runs it and its state. */
public record RadioStatus(String family, String driver, RadioState state) {}
