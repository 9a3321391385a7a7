package org.nipcgateway.core.storage;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored rows of a type no module reads (written by a newer gateway, or a typo in a hand edit)
 * would vanish from every view without a word. They stay in the store, untouched, so that a
 * rollback loses nothing; the start says loudly which ones they are.
 */
public final class UnclaimedRows {
  private static final Logger LOG = LoggerFactory.getLogger(UnclaimedRows.class);
  private static final int IDS_NAMED = 10;

  private UnclaimedRows() {}

  /** Warns once per type the store holds and no module claims. */
  public static Future<Void> warn(ResourceStore store, Set<String> claimed) {
    Future<Void> chain = Future.succeededFuture();
    for (String type : store.resourceTypes()) {
      if (!claimed.contains(type)) {
        chain = chain.compose(v -> store.findAll(type).map(all -> warn(type, all)));
      }
    }
    return chain;
  }

  private static Void warn(String type, List<StoredResource> rows) {
    List<String> ids = rows.stream().map(StoredResource::id).toList();
    LOG.warn(
        "*** The store holds {} resource(s) of type '{}', which no module of this gateway reads:"
            + " they are ignored (and kept). Ids: {}{} ***",
        ids.size(),
        type,
        ids.subList(0, Math.min(IDS_NAMED, ids.size())),
        ids.size() > IDS_NAMED ? " and more" : "");
    return null;
  }
}
