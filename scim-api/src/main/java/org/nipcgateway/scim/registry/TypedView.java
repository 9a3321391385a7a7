package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.nipcgateway.scim.schema.ScimResourceType;

/**
 * A resource view together with its type, whose schema drives filtering and trimming. The view is
 * built when first asked for: a list without filter or sort builds views only for its page, not for
 * every resource in the registry.
 */
public final class TypedView {
  private final ScimResourceType type;
  private Supplier<ObjectNode> builder;
  private ObjectNode view;

  public TypedView(ScimResourceType type, ObjectNode view) {
    this.type = type;
    this.view = view;
  }

  /** A view built on first use, by the caller's thread (queries run on one event loop). */
  public static TypedView lazy(ScimResourceType type, Supplier<ObjectNode> builder) {
    TypedView typed = new TypedView(type, null);
    typed.builder = builder;
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
}
