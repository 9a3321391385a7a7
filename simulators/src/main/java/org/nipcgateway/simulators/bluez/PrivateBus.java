package org.nipcgateway.simulators.bluez;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code dbus-daemon} of our own on a Unix socket in a temporary directory, standing in for the
 * system bus. Its policy lets anyone own any name, as a test bus needs; it is stopped by the PID it
 * was started with, and its directory removed.
 */
public final class PrivateBus implements AutoCloseable {
  private static final String DAEMON = "/usr/bin/dbus-daemon";
  private final Path directory;
  private Process process;
  private String address;

  private PrivateBus(Process process, Path directory, String address) {
    this.process = process;
    this.directory = directory;
    this.address = address;
  }

  /** Starts a bus and waits until it prints the address it listens on. */
  public static PrivateBus start() throws IOException {
    Path directory = Files.createTempDirectory("nipc-bus-");
    Path config = directory.resolve("bus.conf");
    Files.writeString(config, config(directory.resolve("socket")), StandardCharsets.UTF_8);
    try {
      return new PrivateBus(daemon(directory), directory, null).listening();
    } catch (IOException e) {
      delete(directory);
      throw e;
    }
  }

  /**
   * The bus daemon dies (every connection to it is lost) and a new one starts on the same socket,
   * as a restarted system bus does; returns the new address (the same path, a new guid).
   */
  public synchronized String restart() throws IOException {
    stopDaemon();
    process = daemon(directory);
    return listening().address;
  }

  private static Process daemon(Path directory) throws IOException {
    Files.deleteIfExists(directory.resolve("socket"));
    Path config = directory.resolve("bus.conf");
    return new ProcessBuilder(DAEMON, "--config-file=" + config, "--nofork", "--print-address=1")
        .redirectErrorStream(false)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Waits until the daemon prints the address it listens on. */
  private PrivateBus listening() throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String printed = out.readLine();
    if (printed == null || printed.isBlank()) {
      process.destroyForcibly();
      throw new IOException(DAEMON + " printed no address (exit " + exitOf(process) + ")");
    }
    address = printed.trim();
    return this;
  }

  private static String config(Path socket) {
    return """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>system</type>
          <listen>unix:path=%s</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow user="*"/>
            <allow own="*"/>
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
          </policy>
        </busconfig>
        """
        .formatted(socket);
  }

  /** The address clients connect to ({@code unix:path=…,guid=…}). */
  public synchronized String address() {
    return address;
  }

  public synchronized long pid() {
    return process.pid();
  }

  @Override
  public synchronized void close() {
    stopDaemon();
    delete(directory);
  }

  private void stopDaemon() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String exitOf(Process process) {
    try {
      return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "none";
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless; the bus itself is gone.
    }
  }
}
