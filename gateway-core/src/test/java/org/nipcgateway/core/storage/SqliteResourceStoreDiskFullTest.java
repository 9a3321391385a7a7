package org.nipcgateway.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.security.SecretAttributeSealer;
import org.nipcgateway.core.security.SecretBox;

/**
 * The store never acknowledges a failure it did not have, and recovers when space returns (issue
 * 15, finding 3). A full disk is simulated with SQLite's {@code PRAGMA max_page_count} on the
 * store's own connection (no root, no tmpfs): SQLite then answers {@code SQLITE_FULL} as it would
 * on a full disk.
 */
class SqliteResourceStoreDiskFullTest {
  private static final AttributeSealer SEALER =
      new SecretAttributeSealer(SecretBox.withRandomKey());
  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A device with a name of about {@code size} characters, so a few fill some pages. */
  private static StoredResource device(String id, int size) {
    ObjectNode attributes =
        JsonNodeFactory.instance.objectNode().put("displayName", id + "x".repeat(size));
    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    return new StoredResource(
        id, "Device", 1, now, now, attributes, JsonNodeFactory.instance.objectNode());
  }

  private SqliteResourceStore open() throws Exception {
    return (SqliteResourceStore) await(SqliteResourceStore.open(vertx, dataDir, SEALER));
  }

  private static List<String> ids(ResourceStore store) throws Exception {
    List<String> ids = new ArrayList<>();
    await(store.findAll("Device")).forEach(r -> ids.add(r.id()));
    return ids;
  }

  @Test
  void a_full_disk_fails_writes_as_full_stores_nothing_of_them_and_recovers_when_space_returns()
      throws Exception {
    SqliteResourceStore store = open();
    await(store.commit(ChangeSet.of(device("before", 100))));
    await(store.limitPages(2));

    List<String> acknowledged = new ArrayList<>(List.of("before"));
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = "during-" + i;
      try {
        await(store.commit(ChangeSet.of(device(id, 3000))));
        acknowledged.add(id);
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(StoreFullException.class);
        refused.add(id);
      }
    }
    assertThat(refused).isNotEmpty();
    assertThat(store.health()).isEqualTo("DEGRADED");
    assertThat(ids(store)).containsExactlyElementsOf(acknowledged);

    await(store.limitPages(Long.MAX_VALUE));
    await(store.commit(ChangeSet.of(device("after", 3000))));
    acknowledged.add("after");
    assertThat(store.health()).isEqualTo("UP");
    assertThat(ids(store)).containsExactlyElementsOf(acknowledged);
    await(store.close());

    SqliteResourceStore reopened = open();
    assertThat(ids(reopened)).containsExactlyElementsOf(acknowledged);
    await(reopened.close());
  }

  @Test
  void after_sqlite_rolled_back_by_itself_no_write_is_stored_while_reported_failed()
      throws Exception {
    SqliteResourceStore store = open();
    await(store.loseTransaction());
    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "next-" + i;
      try {
        await(store.commit(ChangeSet.of(device(id, 10))));
        acknowledged.add(id);
      } catch (ExecutionException reportedFailed) {
        // must then be absent, in memory and on disk
      }
    }
    assertThat(ids(store)).containsExactlyElementsOf(acknowledged);
    await(store.close());

    SqliteResourceStore reopened = open();
    assertThat(ids(reopened)).containsExactlyElementsOf(acknowledged);
    assertThat(acknowledged).hasSize(3);
    await(reopened.close());
  }

  @Test
  void a_write_that_fails_for_another_reason_is_not_called_full() throws Exception {
    SqliteResourceStore store = open();
    StoredResource broken =
        new StoredResource(
            "x",
            "Device",
            1,
            Instant.EPOCH,
            Instant.EPOCH,
            JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.objectNode());
    await(store.close());
    assertThatThrownBy(() -> await(store.commit(ChangeSet.of(broken))))
        .hasCauseInstanceOf(StoreException.class)
        .cause()
        .isNotInstanceOf(StoreFullException.class);
  }
}
