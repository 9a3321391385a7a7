package org.nipcgateway.core.config;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One section of the configuration, read through typed getters that know the section's key path
 * ({@code streaming.mqtt}), so that every message names the full key ({@code streaming.mqtt.port})
 * and the value found. A parser reads every key it supports, then calls {@link
 * #rejectUnknownKeys()}: a key nobody asked for is a typo, and a typo must stop the start rather
 * than leave a setting at its default.
 *
 * <p>Not thread-safe: one parser reads one instance, once, at start.
 */
public final class Settings {
  private final String path;
  private final JsonObject values;
  private final Set<String> known = new TreeSet<>();
  private final List<Settings> nested = new ArrayList<>();

  private Settings(String path, JsonObject values) {
    this.path = path;
    this.values = values;
  }

  /**
   * @param path where the section sits in the configuration, e.g. {@code streaming}; empty for the
   *     top level
   */
  public static Settings of(String path, JsonObject values) {
    return new Settings(path, values == null ? new JsonObject() : values.copy());
  }

  /** The key path of this section, e.g. {@code radios.ble}; empty at the top level. */
  public String keyPath() {
    return path;
  }

  /** The full key path of one key of this section, e.g. {@code radios.ble.slots}. */
  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Whether the key is set (to anything but null); asking makes it a known key. */
  public boolean has(String key) {
    return value(key) != null;
  }

  /** The keys set in this section, for sections whose keys are data (names mapped to values). */
  public Set<String> keys() {
    return new TreeSet<>(values.fieldNames());
  }

  /** Whether the section has no keys at all. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  public String string(String key, String fallback) {
    return optionalString(key).orElse(fallback);
  }

  public String requiredString(String key) {
    return optionalString(key).orElseThrow(() -> missing(key));
  }

  public Optional<String> optionalString(String key) {
    Object value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw wrongType(key, "a string", value);
    }
    return Optional.of(text);
  }

  public int integer(String key, int fallback) {
    return integer(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** An integer from {@code min} to {@code max}, both included. */
  public int integer(String key, int fallback, int min, int max) {
    return optionalInteger(key, min, max).orElse(fallback);
  }

  public int requiredInteger(String key, int min, int max) {
    return optionalInteger(key, min, max).orElseThrow(() -> missing(key));
  }

  public Optional<Integer> optionalInteger(String key, int min, int max) {
    return optionalLong(key, min, max).map(Long::intValue);
  }

  /** A whole number from {@code min} to {@code max}, both included. */
  public long longValue(String key, long fallback, long min, long max) {
    return optionalLong(key, min, max).orElse(fallback);
  }

  private Optional<Long> optionalLong(String key, long min, long max) {
    Object value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Number number) || !isWhole(number)) {
      throw wrongType(key, "an integer", value);
    }
    long whole = number.longValue();
    if (whole < min || whole > max) {
      throw outOfRange(key, min, max, value);
    }
    return Optional.of(whole);
  }

  public double number(String key, double fallback) {
    return number(key, fallback, -Double.MAX_VALUE, Double.MAX_VALUE);
  }

  /** A number from {@code min} to {@code max}, both included. */
  public double number(String key, double fallback, double min, double max) {
    Object value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number)) {
      throw wrongType(key, "a number", value);
    }
    double result = number.doubleValue();
    if (!(result >= min && result <= max)) {
      throw outOfRange(key, min, max, value);
    }
    return result;
  }

  public boolean flag(String key, boolean fallback) {
    return optionalFlag(key).orElse(fallback);
  }

  public Optional<Boolean> optionalFlag(String key) {
    Object value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean bool)) {
      throw wrongType(key, "true or false", value);
    }
    return Optional.of(bool);
  }

  /** One of the allowed words (case does not matter), returned as the list spells it. */
  public String choice(String key, String fallback, List<String> allowed) {
    Optional<String> given = optionalString(key);
    if (given.isEmpty()) {
      return fallback;
    }
    for (String word : allowed) {
      if (word.equalsIgnoreCase(given.get())) {
        return word;
      }
    }
    throw invalid(
        key, "must be one of " + String.join(", ", allowed) + ", got " + show(given.get()));
  }

  /** A constant of the fallback's enum, named in any case ({@code "passkey"} for PASSKEY). */
  public <E extends Enum<E>> E choice(String key, E fallback) {
    List<String> names = new ArrayList<>();
    for (E constant : fallback.getDeclaringClass().getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT));
    }
    String chosen = choice(key, fallback.name().toLowerCase(Locale.ROOT), names);
    return Enum.valueOf(fallback.getDeclaringClass(), chosen.toUpperCase(Locale.ROOT));
  }

  /** A file system path. */
  public Optional<Path> filePath(String key) {
    Optional<String> text = optionalString(key);
    try {
      return text.map(Path::of);
    } catch (InvalidPathException e) {
      throw invalid(key, "is not a usable path: " + e.getMessage());
    }
  }

  public List<String> strings(String key, List<String> fallback) {
    Object value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw wrongType(key, "a list of strings", value);
    }
    return array.stream().map(String.class::cast).toList();
  }

  /** A nested section, checked with this one; empty when the key is not set. */
  public Settings section(String key) {
    return optionalSection(key)
        .orElseGet(() -> adopt(new Settings(keyPath(key), new JsonObject())));
  }

  /** A nested section, checked with this one, when the key is set. */
  public Optional<Settings> optionalSection(String key) {
    return object(key).map(json -> adopt(new Settings(keyPath(key), json)));
  }

  /**
   * A nested section that another reader owns and checks on its own (a radio driver's settings):
   * {@link #rejectUnknownKeys()} of this section does not look inside it.
   */
  public Optional<Settings> delegatedSection(String key) {
    return object(key).map(json -> new Settings(keyPath(key), json));
  }

  /** Whether the key holds a section (for settings that are a number or a section). */
  public boolean isSection(String key) {
    return value(key) instanceof JsonObject;
  }

  /** A list of sections, each checked with this one, named {@code key[0]}, {@code key[1]} … */
  public List<Settings> sections(String key) {
    Object value = value(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)
        || !array.stream().allMatch(JsonObject.class::isInstance)) {
      throw wrongType(key, "a list of objects", value);
    }
    List<Settings> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      items.add(adopt(new Settings(keyPath(key) + "[" + i + "]", array.getJsonObject(i))));
    }
    return List.copyOf(items);
  }

  /**
   * A JSON document taken as a whole (a JWKS, say), whose keys are not settings and are not
   * checked.
   */
  public Optional<JsonObject> document(String key) {
    return object(key).map(JsonObject::copy);
  }

  /**
   * Fails with the first key of this section or of a section read through it that no getter asked
   * for. Call it once, after reading every supported key.
   */
  public void rejectUnknownKeys() {
    for (String key : keys()) {
      if (!known.contains(key)) {
        throw unknownKey(keyPath(key), known);
      }
    }
    for (Settings section : nested) {
      section.rejectUnknownKeys();
    }
  }

  /** A setting this section holds but cannot use, for checks beyond type and range. */
  public ConfigException invalid(String key, String reason) {
    return new ConfigException("config key '" + keyPath(key) + "' " + reason);
  }

  /** The message for a key that nothing reads, listing the keys that would be read there. */
  public static ConfigException unknownKey(String keyPath, Collection<String> known) {
    return new ConfigException(
        "unknown config key '"
            + keyPath
            + "' (known: "
            + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known)))
            + ")");
  }

  private Object value(String key) {
    known.add(key);
    return values.getValue(key);
  }

  private Optional<JsonObject> object(String key) {
    Object value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonObject json)) {
      throw wrongType(key, "an object", value);
    }
    return Optional.of(json);
  }

  private Settings adopt(Settings section) {
    nested.add(section);
    return section;
  }

  private ConfigException missing(String key) {
    return new ConfigException("config key '" + keyPath(key) + "' is required");
  }

  private ConfigException wrongType(String key, String expected, Object value) {
    return invalid(key, "must be " + expected + ", got " + show(value));
  }

  private ConfigException outOfRange(String key, Number min, Number max, Object value) {
    boolean noMax = max.doubleValue() >= Integer.MAX_VALUE;
    boolean noMin = min.doubleValue() <= Integer.MIN_VALUE;
    String range =
        noMax
            ? "at least " + show(min)
            : noMin ? "at most " + show(max) : "from " + show(min) + " to " + show(max);
    return invalid(key, "must be " + range + ", got " + show(value));
  }

  private static boolean isWhole(Number number) {
    if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
      double value = number.doubleValue();
      return value == Math.rint(value) && Math.abs(value) < 0x1p63;
    }
    return true;
  }

  /** The value as the config file would spell it, shortened when long. */
  private static String show(Object value) {
    String text =
        value instanceof Number number && isWhole(number)
            ? String.valueOf(number.longValue())
            : Json.encode(value);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
