package org.nipcgateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the server under test and the load generator on different CPUs ({@code taskset}), so that
 * neither steals the other's cycles; without {@code taskset} or with one CPU, commands run as given
 * and the report says so.
 */
record Pinning(String serverCpus, String clientCpus, boolean enabled) {

  static Pinning fromEnvironment() {
    boolean taskset =
        List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "taskset")));
    return new Pinning(
        System.getenv().getOrDefault("BENCH_SERVER_CPUS", "0"),
        System.getenv().getOrDefault("BENCH_CLIENT_CPUS", "1"),
        taskset && cpuCount() >= 2);
  }

  List<String> server(List<String> command) {
    return pinned(serverCpus, command);
  }

  List<String> client(List<String> command) {
    return pinned(clientCpus, command);
  }

  String describe() {
    return enabled
        ? "server on CPU " + serverCpus + ", load generator on CPU " + clientCpus
        : "not pinned (no taskset or one CPU)";
  }

  private List<String> pinned(String cpus, List<String> command) {
    if (!enabled) {
      return command;
    }
    List<String> pinned = new ArrayList<>(List.of("taskset", "-c", cpus));
    pinned.addAll(command);
    return pinned;
  }

  /** CPUs of the machine, not of this JVM (bench/run may have pinned the JVM to one). */
  private static long cpuCount() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("processor"))
          .count();
    } catch (java.io.IOException e) {
      return 1;
    }
  }
}
