package org.nipcgateway.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's {@code mosquitto} broker on a free loopback port, with one user, for one test. */
public final class MosquittoBroker implements AutoCloseable {
  private Process process;
  private final int port;
  private final Path dir;

  private MosquittoBroker(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public static MosquittoBroker start(Path dir, String user, String password) {
    return start(dir, user, password, false);
  }

  /**
   * With mosquitto's persistence in {@code dir}: sessions and their queued messages outlast {@link
   * #stop()} and {@link #startAgain()}.
   */
  public static MosquittoBroker startPersistent(Path dir, String user, String password) {
    return start(dir, user, password, true);
  }

  private static MosquittoBroker start(Path dir, String user, String password, boolean persist) {
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
              + (persist
                  ? "persistence true\npersistence_location " + dir + "/\n"
                  : "persistence false\n")
              // Run as root, mosquitto would switch to its own user, who cannot read our files.
              + "user "
              + System.getProperty("user.name")
              + "\n");
      MosquittoBroker broker = new MosquittoBroker(launch(dir), port, dir);
      Eventually.eventually("mosquitto listens on " + port, broker::listening);
      return broker;
    } catch (IOException e) {
      throw new IllegalStateException("mosquitto is needed (apt-get install mosquitto)", e);
    }
  }

  private static Process launch(Path dir) throws IOException {
    return new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
        .start();
  }

  /** SIGTERM, and waits until mosquitto has saved its state and exited. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("mosquitto did not stop");
    }
  }

  /** Starts mosquitto again on the same port with the same configuration. */
  public void startAgain() throws IOException {
    process = launch(dir);
    Eventually.eventually("mosquitto listens again on " + port, this::listening);
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
