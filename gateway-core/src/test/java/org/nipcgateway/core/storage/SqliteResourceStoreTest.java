package org.nipcgateway.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.security.SecretAttributeSealer;
import org.nipcgateway.core.security.SecretBox;

class SqliteResourceStoreTest {
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

  private static StoredResource device(String id, String name) {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("displayName", name);
    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    return new StoredResource(
        id, "Device", 1, now, now, attributes, JsonNodeFactory.instance.objectNode());
  }

  @Test
  void committed_resources_are_there_after_reopening() throws Exception {
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    await(store.commit(new ChangeSet().put(device("a", "first")).put(device("b", "second"))));
    await(store.commit(new ChangeSet().delete("a")));
    await(store.close());

    ResourceStore reopened = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    assertThat(await(reopened.findAll("Device"))).containsExactly(device("b", "second"));
    assertThat(await(reopened.find("a"))).isEmpty();
    await(reopened.close());
  }

  @Test
  void a_change_set_that_fails_part_way_leaves_nothing_of_itself() throws Exception {
    await(await(SqliteResourceStore.open(vertx, dataDir, SEALER)).close());
    // Make the database refuse one row, as a full disk or a constraint would.
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
        Statement sql = db.createStatement()) {
      sql.execute(
          "CREATE TRIGGER refuse_poison BEFORE INSERT ON resource WHEN NEW.id = 'poison'"
              + " BEGIN SELECT RAISE(ABORT, 'refused'); END");
    }
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    await(store.commit(ChangeSet.of(device("kept", "before"))));

    ChangeSet mixed =
        new ChangeSet().put(device("fresh", "new")).delete("kept").put(device("poison", "bad"));
    assertThatThrownBy(() -> await(store.commit(mixed))).hasCauseInstanceOf(StoreException.class);

    assertThat(await(store.findAll("Device"))).containsExactly(device("kept", "before"));
    await(store.close());
    ResourceStore reopened = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    assertThat(await(reopened.findAll("Device"))).containsExactly(device("kept", "before"));
    await(reopened.close());
  }

  @Test
  void changes_a_caller_makes_after_committing_do_not_reach_the_store() throws Exception {
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    StoredResource resource = device("a", "original");
    await(store.commit(ChangeSet.of(resource)));
    resource.attributes().put("displayName", "changed by caller");
    assertThat(await(store.find("a")).orElseThrow().attributes().path("displayName").asText())
        .isEqualTo("original");
    await(store.close());
  }

  @Test
  void a_closed_store_refuses_writes() throws Exception {
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    await(store.close());
    assertThatThrownBy(() -> await(store.commit(ChangeSet.of(device("a", "late")))))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(StoreException.class);
    assertThat(store.isOpen()).isFalse();
  }

  @Test
  void a_zero_byte_database_file_stops_the_open_naming_the_file() throws Exception {
    java.nio.file.Files.createFile(dataDir.resolve("registry.db"));
    assertThatThrownBy(() -> await(SqliteResourceStore.open(vertx, dataDir, SEALER)))
        .hasCauseInstanceOf(StoreException.class)
        .hasMessageContaining("registry.db is empty (0 bytes)");
  }

  @Test
  void a_row_whose_json_is_broken_stops_the_open_naming_the_row() throws Exception {
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    await(store.commit(ChangeSet.of(device("broken-one", "soon broken"))));
    await(store.close());
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
        Statement sql = db.createStatement()) {
      sql.execute("UPDATE resource SET attributes = '{\"displayName\": ' WHERE id = 'broken-one'");
    }
    assertThatThrownBy(() -> await(SqliteResourceStore.open(vertx, dataDir, SEALER)))
        .hasCauseInstanceOf(StoreException.class)
        .hasMessageContaining("Device with id broken-one")
        .hasMessageContaining("attributes are not a JSON object");
  }

  @Test
  void the_store_says_which_types_it_holds() throws Exception {
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    assertThat(store.resourceTypes()).isEmpty();
    await(store.commit(ChangeSet.of(device("a", "first"))));
    assertThat(store.resourceTypes()).containsExactly("Device");
    await(store.commit(new ChangeSet().delete("a")));
    assertThat(store.resourceTypes()).isEmpty();
    await(store.close());
  }

  private static EngineRecord record(String id, String owner) {
    return new EngineRecord(
        id,
        "event",
        owner,
        Instant.parse("2026-01-02T03:04:05Z"),
        JsonNodeFactory.instance.objectNode().put("eventName", "e"));
  }

  @Test
  void engine_records_are_there_after_reopening_and_go_with_their_owner() throws Exception {
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    await(
        store.commit(
            new ChangeSet()
                .put(device("a", "first"))
                .put(device("b", "second"))
                .put(record("on-a", "a"))
                .put(record("on-b", "b"))
                .put(record("gone", "b"))));
    await(store.commit(new ChangeSet().deleteRecord("gone")));
    await(store.close());

    ResourceStore reopened = await(SqliteResourceStore.open(vertx, dataDir, SEALER));
    assertThat(await(reopened.records("event")))
        .containsExactly(record("on-a", "a"), record("on-b", "b"));
    // Deleting a device deletes what the engine set up on it, in the same transaction.
    await(reopened.commit(new ChangeSet().delete("a")));
    assertThat(await(reopened.records("event"))).containsExactly(record("on-b", "b"));
    assertThat(await(reopened.records("trigger"))).isEmpty();
    await(reopened.close());
  }
}
