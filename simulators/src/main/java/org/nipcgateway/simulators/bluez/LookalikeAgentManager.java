package org.nipcgateway.simulators.bluez;

import java.util.Optional;
import org.bluez.AgentManager1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;

/**
 * {@code /org/bluez}: where clients register the pairing agent bluetoothd asks for passkeys and
 * confirmations. Like bluetoothd it remembers who registered, and the default agent.
 */
final class LookalikeAgentManager implements AgentManager1 {
  /** A registered agent: the bus name that owns it and its object path. */
  record Agent(String owner, String path) {}

  private Agent registered;
  private Agent preferred;

  @Override
  public synchronized void RegisterAgent(DBusPath agent, String capability) {
    String owner = AbstractConnectionBase.getCallInfo().getSource();
    if (registered != null && registered.owner().equals(owner)) {
      throw BluezErrors.error("AlreadyExists", "an agent is already registered");
    }
    registered = new Agent(owner, agent.getPath());
  }

  @Override
  public synchronized void UnregisterAgent(DBusPath agent) {
    if (registered == null || !registered.path().equals(agent.getPath())) {
      throw BluezErrors.error("DoesNotExist", "no such agent");
    }
    if (registered.equals(preferred)) {
      preferred = null;
    }
    registered = null;
  }

  @Override
  public synchronized void RequestDefaultAgent(DBusPath agent) {
    if (registered == null || !registered.path().equals(agent.getPath())) {
      throw BluezErrors.error("DoesNotExist", "no such agent");
    }
    preferred = registered;
  }

  /** bluetoothd stopped: it forgets every agent (clients register theirs again when it is back). */
  synchronized void forget() {
    registered = null;
    preferred = null;
  }

  /** The agent pairing asks: the default one, else the one registered. */
  synchronized Optional<Agent> agent() {
    return Optional.ofNullable(preferred != null ? preferred : registered);
  }

  @Override
  public String getObjectPath() {
    return "/org/bluez";
  }
}
