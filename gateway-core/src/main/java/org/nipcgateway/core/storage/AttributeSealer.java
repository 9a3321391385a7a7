package org.nipcgateway.core.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the store asks of whoever knows which attributes are secret and how to seal them (the
 * security package): the store writes only what {@link #seal} returns and hands back what {@link
 * #open} returns. An interface here, so that the store needs nothing from security. Called on the
 * store's worker thread; may block briefly on cryptography.
 */
public interface AttributeSealer {

  /** A copy of the attributes with every secret sealed, for the database. */
  ObjectNode seal(ObjectNode attributes);

  /**
   * The attributes as the database held them, with every sealed secret opened; fails with a {@link
   * StoreException} when a sealed value does not open.
   */
  ObjectNode open(ObjectNode attributes);
}
