package org.nipcgateway.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.security.OperatorToken;
import org.nipcgateway.core.security.OperatorTokenFile;
import org.nipcgateway.core.security.Role;

/**
 * {@code nipc-gateway token create|list|revoke}: operator tokens in a data dir. {@code create}
 * prints the new token alone on standard output, once (scripts capture it with {@code $(…)}); what
 * it is for goes to standard error. A running gateway picks new tokens up by itself.
 */
final class TokenCommand {
  static final String USAGE =
      """
      Usage: nipc-gateway token create --role ROLE[,ROLE...] [--data-dir DIR] [--client NAME]
                                       [--sees NAME[,NAME...]] [--days N]
             nipc-gateway token list [--data-dir DIR]
             nipc-gateway token revoke ID [--data-dir DIR]

      Roles: provisioning (SCIM registry), control (NIPC operations), data (event delivery).
      Without --client the token is the operator's and sees every SCIM object; with --client it
      acts as that SCIM client, which sees only what it created and what the clients named by
      --sees created. Tokens expire after --days (default 90).
      """;

  private final PrintStream out;
  private final PrintStream err;

  TokenCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command; the result is the process exit code. */
  int run(List<String> args) {
    if (args.isEmpty() || args.contains("--help")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    try {
      Options options = Options.parse(args.subList(1, args.size()));
      OperatorTokenFile file = new OperatorTokenFile(options.dataDir);
      return switch (args.get(0)) {
        case "create" -> create(file, options);
        case "list" -> list(file);
        case "revoke" -> revoke(file, options);
        default -> usage("unknown token command '" + args.get(0) + "'");
      };
    } catch (IllegalArgumentException | ConfigException e) {
      return usage(e.getMessage());
    } catch (IOException e) {
      err.println("nipc-gateway: " + e.getMessage());
      return 1;
    }
  }

  private int create(OperatorTokenFile file, Options options) throws IOException {
    if (options.roles.isEmpty()) {
      return usage("token create needs --role");
    }
    String token =
        file.create(
            options.roles,
            options.client,
            options.sees,
            Duration.ofDays(options.days),
            Instant.now());
    out.println(token);
    err.println(
        "nipc-gateway: created a token with roles "
            + options.roles
            + " valid for "
            + options.days
            + " days; it is shown only this once");
    return 0;
  }

  private int list(OperatorTokenFile file) throws IOException {
    for (OperatorToken t : file.read()) {
      out.println(
          t.id()
              + "  roles="
              + t.roles()
              + t.client().map(c -> "  client=" + c).orElse("")
              + (t.sees().isEmpty() ? "" : "  sees=" + t.sees())
              + "  expires="
              + t.expires());
    }
    return 0;
  }

  private int revoke(OperatorTokenFile file, Options options) throws IOException {
    if (options.id.isEmpty()) {
      return usage("token revoke needs the token's id (see token list)");
    }
    if (!file.revoke(options.id.get())) {
      err.println("nipc-gateway: no token with id " + options.id.get());
      return 1;
    }
    return 0;
  }

  private int usage(String problem) {
    err.println("nipc-gateway: " + problem);
    err.print(USAGE);
    return 2;
  }

  private static final class Options {
    Path dataDir = Path.of(Optional.ofNullable(System.getenv("NIPC_DATA_DIR")).orElse("data"));
    Set<Role> roles = Set.of();
    Optional<String> client = Optional.empty();
    Set<String> sees = new LinkedHashSet<>();
    long days = 90;
    Optional<String> id = Optional.empty();

    static Options parse(List<String> args) {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--role", "--roles" -> o.roles = Role.parseList(LaunchOptions.value(args, ++i, arg));
          case "--data-dir" -> o.dataDir = Path.of(LaunchOptions.value(args, ++i, arg));
          case "--client" -> o.client = Optional.of(LaunchOptions.value(args, ++i, arg));
          case "--sees" -> o.sees.addAll(List.of(LaunchOptions.value(args, ++i, arg).split(",")));
          case "--days" -> o.days = days(LaunchOptions.value(args, ++i, arg));
          default -> {
            if (arg.startsWith("--") || o.id.isPresent()) {
              throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            o.id = Optional.of(arg);
          }
        }
      }
      return o;
    }

    private static long days(String text) {
      try {
        long days = Long.parseLong(text);
        if (days < 1 || days > 3650) {
          throw new IllegalArgumentException("--days must be between 1 and 3650");
        }
        return days;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--days must be a number of days, got " + text, e);
      }
    }
  }
}
