package org.nipcgateway.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged gateway ({@code java -jar nipc-gateway.jar}) as an operating-system process. */
public final class GatewayProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (https?)://[^:]+:(\\d+)");

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final Path dataDir;
  private volatile String scheme = "http";
  private String token;
  private final Thread reader;
  private final Object newLine = new Object();

  private GatewayProcess(Process process, Path dataDir) {
    this.process = process;
    this.dataDir = dataDir;
    this.reader = new Thread(this::readOutput, "gateway-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static Path jar() {
    return Path.of(
        System.getProperty("nipc.gateway.jar", "../gateway-app/target/nipc-gateway.jar"));
  }

  /** Starts the jar with the given options (after {@code java -jar}); env adds variables. */
  public static GatewayProcess start(List<String> options, java.util.Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // A free port for the MQTT broker too, so test gateways never collide on 1883.
    builder.environment().put("NIPC_MQTT_PORT", "0");
    builder.environment().put("NIPC_MQTT_TLS_PORT", "0");
    // Tests provision faster than any client should; the rate limit has tests of its own.
    builder.environment().put("NIPC_RATE_LIMIT", "1000000");
    builder.environment().putAll(env);
    try {
      int dir = options.indexOf("--data-dir");
      return new GatewayProcess(
          builder.start(), dir < 0 ? Path.of("data") : Path.of(options.get(dir + 1)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  /**
   * Starts a gateway on a free loopback port with its own data dir, as the README's command would
   * (demo fleet included) plus any extra options; does not wait.
   */
  public static GatewayProcess onFreePort(Path dataDir, String... extraOptions) {
    List<String> options =
        new ArrayList<>(
            List.of("--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
    options.addAll(List.of(extraOptions));
    return start(options, java.util.Map.of());
  }

  /** Starts a gateway without the demo fleet and waits until it listens. */
  public static GatewayProcess listening(Path dataDir, String publicBaseUrl) {
    List<String> options =
        List.of(
            "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString(), "--no-demo");
    GatewayProcess gateway =
        start(options, java.util.Map.of("NIPC_PUBLIC_BASE_URL", publicBaseUrl));
    gateway.port();
    return gateway;
  }

  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.add(line);
        synchronized (newLine) {
          newLine.notifyAll();
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          scheme = m.group(1);
          port.complete(Integer.parseInt(m.group(2)));
        }
      }
    } catch (IOException e) {
      // The process ended; what it printed so far is kept.
    }
    port.completeExceptionally(
        new IllegalStateException(
            "gateway exited before listening:\n" + String.join("\n", output)));
  }

  public int port() {
    try {
      return port.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("gateway did not listen: " + String.join("\n", output), e);
    }
  }

  /** Waits until the gateway has printed a line containing the text. */
  public void awaitOutput(String text) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    synchronized (newLine) {
      while (output.stream().noneMatch(line -> line.contains(text))) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || !process.isAlive()) {
          throw new IllegalStateException("gateway never printed '" + text + "':\n" + output());
        }
        try {
          newLine.wait(left); // woken by the reader at each line
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * A client with an operator token holding every role, made by the packaged launcher's {@code
   * token create} (the contract scripts rely on), trusting the gateway's own certificate.
   */
  public synchronized ScimClient scim() {
    int listening = port();
    if (token == null) {
      token = createToken(dataDir, "provisioning,control,data");
    }
    return new ScimClient(base(listening), client(), token);
  }

  public String base() {
    return base(port());
  }

  private String base(int listening) {
    return scheme + "://127.0.0.1:" + listening;
  }

  /** The gateway's certificate (self-signed in the data dir unless configured). */
  public Path certificate() {
    return dataDir.resolve("tls").resolve("gateway-cert.pem");
  }

  private java.net.http.HttpClient client() {
    try {
      var builder =
          java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5));
      if (scheme.equals("https")) {
        builder.sslContext(org.nipcgateway.core.security.TrustedCertificate.context(certificate()));
      }
      return builder.build();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code nipc-gateway token create --role ROLES --data-dir DIR}; returns what it prints. */
  public static String createToken(Path dataDir, String roles) {
    List<String> command =
        List.of(
            javaBinary(),
            "-jar",
            jar().toString(),
            "token",
            "create",
            "--role",
            roles,
            "--data-dir",
            dataDir.toString());
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        throw new IllegalStateException("token create failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public int exitCode() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gateway did not exit");
      }
      reader.join(TimeUnit.SECONDS.toMillis(10)); // so that output() has the last lines
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String output() {
    return String.join("\n", output);
  }

  /** The process id, for figures such as its resident memory. */
  public long pid() {
    return process.pid();
  }

  /** SIGTERM: the gateway shuts down gracefully. */
  public int terminate() {
    // Process.destroy() would also close our end of the output pipe; the handle only signals.
    process.toHandle().destroy();
    return exitCode();
  }

  /** SIGKILL: the process dies at once, wherever it is. */
  public void kill() {
    process.destroyForcibly();
    exitCode();
  }

  /** Ends the process if it still runs, then fails if it ever reported a blocked event loop. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    if (output().contains("has been blocked for")) {
      throw new AssertionError("an event loop of the gateway process was blocked:\n" + output());
    }
  }
}
