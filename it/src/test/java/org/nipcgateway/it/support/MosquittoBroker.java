package org.nipcgateway.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's {@code mosquitto} broker on a free loopback port, with one user, for one test. */
public final class MosquittoBroker implements AutoCloseable {
  private final Process process;
  private final int port;

  private MosquittoBroker(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static MosquittoBroker start(Path dir, String user, String password) {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path passwords = dir.resolve("passwords");
      run("mosquitto_passwd", "-b", "-c", passwords.toString(), user, password);
      Path config = dir.resolve("mosquitto.conf");
      Files.writeString(
          config,
          "listener "
              + port
              + " 127.0.0.1\n"
              + "allow_anonymous false\n"
              + "password_file "
              + passwords
              + "\n"
              + "persistence false\n"
              // Run as root, mosquitto would switch to its own user, who cannot read our files.
              + "user "
              + System.getProperty("user.name")
              + "\n");
      Process process =
          new ProcessBuilder("mosquitto", "-c", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("mosquitto.log").toFile())
              .start();
      MosquittoBroker broker = new MosquittoBroker(process, port);
      Eventually.eventually("mosquitto listens on " + port, broker::listening);
      return broker;
    } catch (IOException e) {
      throw new IllegalStateException("mosquitto is needed (apt-get install mosquitto)", e);
    }
  }

  private boolean listening() {
    try {
      new java.net.Socket("127.0.0.1", port).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
