package org.nipcgateway.core.radio;

/** A configured radio family as health reports show it: the driver that runs it and its state. */
public record RadioStatus(String family, String driver, RadioState state) {}
