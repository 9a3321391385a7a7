package org.nipcgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options the {@code nipc-gateway} launcher starts the gateway with, read from the script
 * itself so that the benchmark measures what an access point runs and cannot drift from it. As in
 * the launcher, {@code NIPC_JAVA_OPTS} (even empty) replaces them.
 */
final class LauncherOptions {
  private static final Pattern DEFAULTS = Pattern.compile("default_opts=\"([^\"]*)\"");

  private LauncherOptions() {}

  /** The options, or none (with a warning) if the script is missing or no longer sets them. */
  static List<String> read(Path launcher) {
    String override = System.getenv("NIPC_JAVA_OPTS");
    if (override != null) {
      return words(override);
    }
    try {
      Matcher m = DEFAULTS.matcher(Files.readString(launcher));
      if (m.find()) {
        return words(m.group(1).replace("\\\n", " "));
      }
      System.err.println("warning: no default_opts in " + launcher + "; plain java -jar");
    } catch (IOException e) {
      System.err.println("warning: cannot read " + launcher + " (" + e + "); plain java -jar");
    }
    return List.of();
  }

  static List<String> words(String options) {
    return Arrays.stream(options.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
