package org.nipcgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class-data archive the {@code nipc-gateway} launcher starts the gateway with (decisions §44):
 * {@code nipc-gateway.jsa} beside the jar, made by a training run ({@code cds-training}) when it is
 * missing or older than the jar or the JDK. The benchmark starts the gateway with it, as an access
 * point does, so that its cold start is the launcher's and not that of a bare {@code java -jar}.
 * {@code NIPC_CDS=off} goes without it here as in the launcher.
 */
final class ClassDataArchive {
  /** Keeps the JVM's notes about the archive out of the servers' logs, as the launcher does. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private ClassDataArchive() {}

  /**
   * The JVM options that use the jar's archive, training it first if it is stale; none when the
   * archive is turned off or the training failed (with a warning: the run then measures a start
   * without it, and says so in its options).
   */
  static List<String> options(Path jar, List<String> jvmOptions) {
    if ("off".equals(System.getenv("NIPC_CDS"))) {
      return List.of();
    }
    Path archive = archiveOf(jar);
    if (stale(archive, jar) && !train(jar, archive, jvmOptions)) {
      System.err.println("warning: no class-data archive for " + jar + "; starts go without it");
      return List.of();
    }
    List<String> options = new ArrayList<>();
    options.add("-XX:SharedArchiveFile=" + archive);
    options.addAll(QUIET);
    return options;
  }

  static Path archiveOf(Path jar) {
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa";
    return jar.resolveSibling(name);
  }

  private static boolean stale(Path archive, Path jar) {
    try {
      if (!Files.isRegularFile(archive)) {
        return true;
      }
      var made = Files.getLastModifiedTime(archive);
      return Files.getLastModifiedTime(jar).compareTo(made) > 0
          || Files.getLastModifiedTime(javaBinary()).compareTo(made) > 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** One training start, written to a file of its own and renamed into place, as the launcher. */
  private static boolean train(Path jar, Path archive, List<String> jvmOptions) {
    System.out.println("training a class-data archive for " + jar + " (once per build)...");
    Path partial =
        archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
    List<String> command = new ArrayList<>();
    command.add(javaBinary().toString());
    command.addAll(jvmOptions);
    command.add("-XX:ArchiveClassesAtExit=" + partial);
    command.addAll(QUIET);
    command.addAll(List.of("-jar", jar.toString(), "cds-training"));
    try {
      Process training =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      boolean done = training.waitFor(3, TimeUnit.MINUTES);
      if (!done) {
        training.destroyForcibly();
      }
      if (done && training.exitValue() == 0 && Files.size(partial) > 0) {
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
        return true;
      }
      return false;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      deleteQuietly(partial); // gone after the rename; a failed run's leftover
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover partial archive is only a file in the build dir
    }
  }

  private static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
