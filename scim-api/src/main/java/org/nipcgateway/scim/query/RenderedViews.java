package org.nipcgateway.scim.query;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nipcgateway.scim.registry.TypedView;
import org.nipcgateway.scim.registry.ViewKey;

/**
 * The JSON text of resource views as answered without {@code attributes} or {@code
 * excludedAttributes}, kept for the most recently answered resources so that reading the same
 * resource again skips building, trimming and serialising its view. Bounded by entries and by
 * characters, least recently answered out first; one entry per resource id, so a new version
 * replaces the old one the next time it is answered. An entry is used only when its {@link ViewKey}
 * is the view's own (the same stored instance, base URL and groups), so a changed resource or group
 * can never be answered from an older entry. Thread-safe (a lock: every use is a map operation).
 */
public final class RenderedViews {
  /** A few thousand resources: the devices being polled, not the whole registry. */
  public static final int DEFAULT_ENTRIES = 2048;

  /** About 2 MB of heap with Latin-1 strings, whatever the size of the views. */
  public static final long DEFAULT_CHARS = 2L * 1024 * 1024;

  private record Rendered(ViewKey key, String json) {}

  private final int maxEntries;
  private final long maxChars;
  private final Map<String, Rendered> byId = new LinkedHashMap<>(64, 0.75f, true);
  private long chars;

  public RenderedViews(int maxEntries, long maxChars) {
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
  }

  /** The view trimmed for the selection, as JSON text; from the cache when it may be. */
  public String json(TypedView view, AttributeSelection selection) {
    ViewKey key = AttributeSelection.ALL.equals(selection) ? view.key() : null;
    if (key == null) {
      return render(view, selection);
    }
    String id = key.resource().id();
    synchronized (this) {
      Rendered cached = byId.get(id);
      if (cached != null && cached.key().equals(key)) {
        return cached.json();
      }
    }
    String json = render(view, selection);
    synchronized (this) {
      Rendered previous = byId.put(id, new Rendered(key, json));
      chars += json.length() - (previous == null ? 0 : previous.json().length());
      evict();
    }
    return json;
  }

  /** How many views are kept, for tests and metrics. */
  public synchronized int size() {
    return byId.size();
  }

  private void evict() {
    Iterator<Rendered> eldestFirst = byId.values().iterator();
    while ((byId.size() > maxEntries || chars > maxChars) && eldestFirst.hasNext()) {
      chars -= eldestFirst.next().json().length();
      eldestFirst.remove();
    }
  }

  private static String render(TypedView view, AttributeSelection selection) {
    return ResponseShaper.shape(view.type(), view.view(), selection).toString();
  }
}
