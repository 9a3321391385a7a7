package org.nipcgateway.radio.ble;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.freedesktop.dbus.RemoteInvocationHandler;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/**
 * A bluetoothd object whose method calls wait for their answer until a {@link BluezDeadline}, no
 * longer. dbus-java's own proxies wait up to its process-wide reply time-out ({@code
 * MethodCall.setDefaultTimeout}, 20 s, static: it would change every connection in the JVM), so an
 * unanswered call would hold its device's lane and a driver thread that long. Here the call is sent
 * asynchronously ({@code callMethodAsync}) and its reply awaited on the same thread until the
 * deadline; the answer is then decoded as dbus-java's proxy decodes it. A late answer goes to the
 * abandoned call (replies are matched by serial), never to a later one.
 */
final class BluezBoundedObject implements InvocationHandler {
  private final DBusConnection connection;
  private final DBusInterface remote;
  private final BluezDeadline deadline;

  BluezBoundedObject(DBusConnection connection, DBusInterface remote, BluezDeadline deadline) {
    this.connection = connection;
    this.remote = remote;
    this.deadline = deadline;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class
        || method.getDeclaringClass() == DBusInterface.class) {
      try {
        return method.invoke(remote, args); // toString, getObjectPath: no bus traffic
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
    if (deadline.passed()) {
      throw deadline.expired();
    }
    MethodCall call =
        connection
            .callMethodAsync(remote, method.getName(), args == null ? new Object[0] : args)
            .getCall();
    Message answer = awaitAnswer(call);
    if (answer instanceof Error error) {
      throw error.getException();
    }
    try {
      return RemoteInvocationHandler.convertRV(answer.getParameters(), method, connection);
    } catch (DBusException e) {
      throw new DBusExecutionException(e.getMessage(), e);
    }
  }

  private Message awaitAnswer(MethodCall call) {
    while (!call.hasReply()) { // a wait can end early (spurious wake-up): wait again
      long left = deadline.remainingMillis();
      if (left == 0) {
        throw deadline.expired();
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new RadioException(Reason.RADIO_DOWN, "the BlueZ driver stopped");
      }
      call.getReply(left);
    }
    return call.getReply(1);
  }
}
