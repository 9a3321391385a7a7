package org.nipcgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test (the packaged gateway or the bare handler) as a process of its own. Its
 * output goes to a log file under {@code bench/target/}; the port comes from the "listening on"
 * line both servers print.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on https?://[^:]+:(\\d+)");

  private final String name;
  private final Process process;
  private final CompletableFuture<Integer> port = new CompletableFuture<>();

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(() -> copyOutput(log), name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ServerProcess start(String name, List<String> command, Map<String, String> env, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      return new ServerProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** The process id; taskset execs the command, so it is the server's own. */
  long pid() {
    return process.pid();
  }

  /** Waits until the server says where it listens. */
  int port() {
    try {
      return port.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(name + " did not start listening", e);
    }
  }

  String base() {
    return "http://127.0.0.1:" + port();
  }

  private void copyOutput(Path log) {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
      String line;
      while ((line = lines.readLine()) != null) {
        out.println(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // The process ended; the log keeps what it printed.
    }
    port.completeExceptionally(new IllegalStateException(name + " exited; see " + log));
  }

  /** SIGTERM, so the gateway closes its store as in production; SIGKILL if it hangs. */
  @Override
  public void close() {
    process.toHandle().destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
