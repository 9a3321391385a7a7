package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.nipcgateway.scim.schema.ScimResourceType;

/**
 * A resource view together with its type, whose schema drives filtering and trimming, and the
 * {@link ViewKey} of what it was built from (null when it may not be cached). The view is built
 * when first asked for: a list without filter or sort builds views only for its page, not for every
 * resource in the registry, and a view answered from a cache is never built at all.
 */
public final class TypedView {
  private final ScimResourceType type;
  private Supplier<ObjectNode> builder;
  private Supplier<ViewKey> keyMaker;
  private ObjectNode view;
  private ViewKey key;

  public TypedView(ScimResourceType type, ObjectNode view) {
    this.type = type;
    this.view = view;
  }

  /** A view built on first use, by the caller's thread (queries run on one event loop). */
  public static TypedView lazy(ScimResourceType type, Supplier<ObjectNode> builder) {
    return lazy(type, () -> null, builder);
  }

  /** A view built on first use whose key, also made on first use, lets it be cached. */
  public static TypedView lazy(
      ScimResourceType type, Supplier<ViewKey> key, Supplier<ObjectNode> builder) {
    TypedView typed = new TypedView(type, null);
    typed.builder = builder;
    typed.keyMaker = key;
    return typed;
  }

  public ScimResourceType type() {
    return type;
  }

  public ObjectNode view() {
    if (view == null) {
      view = builder.get();
      builder = null;
    }
    return view;
  }

  /** What the view is made of, or null when it must not be cached. */
  public ViewKey key() {
    if (keyMaker != null) {
      key = keyMaker.get();
      keyMaker = null;
    }
    return key;
  }
}
