package org.nipcgateway.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.security.SecretAttributeSealer;
import org.nipcgateway.core.security.SecretBox;

/**
 * Group commit (issue 16): change sets that arrive while the store's worker is busy share one
 * transaction, each still commits or fails on its own, and every acknowledged one survives a
 * reopen. The worker is held busy through {@link SqliteResourceStore#onWorker} until every commit
 * of a test is queued, so the batch is decided by the test, not by timing.
 */
class SqliteResourceStoreGroupCommitTest {
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

  private static StoredResource device(String id, long version, String name) {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("displayName", name);
    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    return new StoredResource(
        id, "Device", version, now, now, attributes, JsonNodeFactory.instance.objectNode());
  }

  private SqliteResourceStore open() throws Exception {
    return (SqliteResourceStore) await(SqliteResourceStore.open(vertx, dataDir, SEALER));
  }

  /** Commits every change set while the worker is held, so that they queue up together. */
  private static List<Future<Void>> commitTogether(
      SqliteResourceStore store, List<ChangeSet> changes) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Future<Void> held =
        store.onWorker(
            () -> {
              assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
              return null;
            });
    List<Future<Void>> commits = new ArrayList<>();
    changes.forEach(c -> commits.add(store.commit(c)));
    release.countDown();
    await(held);
    // join waits for every commit, failed or not; the tests look at each.
    await(Future.join(commits).otherwiseEmpty());
    return commits;
  }

  private static List<String> names(ResourceStore store) throws Exception {
    List<String> names = new ArrayList<>();
    await(store.findAll("Device"))
        .forEach(r -> names.add(r.attributes().path("displayName").asText()));
    return names;
  }

  @Test
  void concurrent_commits_share_one_transaction_and_are_all_there_after_reopening()
      throws Exception {
    SqliteResourceStore store = open();
    List<ChangeSet> changes = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      changes.add(ChangeSet.of(device("d" + i, 1, "device " + i)));
      expected.add("device " + i);
    }
    long before = store.transactions();

    List<Future<Void>> commits = commitTogether(store, changes);

    assertThat(commits).allMatch(Future::succeeded);
    assertThat(store.transactions() - before).isEqualTo(1);
    assertThat(names(store)).containsExactlyElementsOf(expected);
    await(store.close());
    SqliteResourceStore reopened = open();
    assertThat(names(reopened)).containsExactlyElementsOf(expected);
    await(reopened.close());
  }

  @Test
  void a_batch_holds_at_most_the_bounded_number_of_change_sets() throws Exception {
    SqliteResourceStore store = open();
    List<ChangeSet> changes = new ArrayList<>();
    for (int i = 0; i < SqliteResourceStore.MAX_BATCH + 1; i++) {
      changes.add(ChangeSet.of(device("d" + i, 1, "device " + i)));
    }
    long before = store.transactions();

    commitTogether(store, changes);

    assertThat(store.transactions() - before).isEqualTo(2);
    assertThat(names(store)).hasSize(SqliteResourceStore.MAX_BATCH + 1);
    await(store.close());
  }

  @Test
  void a_change_set_the_database_refuses_fails_alone_and_its_batch_mates_are_stored()
      throws Exception {
    await(open().close());
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
        Statement sql = db.createStatement()) {
      sql.execute(
          "CREATE TRIGGER refuse_poison BEFORE INSERT ON resource WHEN NEW.id = 'poison'"
              + " BEGIN SELECT RAISE(ABORT, 'refused'); END");
    }
    SqliteResourceStore store = open();

    List<Future<Void>> commits =
        commitTogether(
            store,
            List.of(
                ChangeSet.of(device("good-1", 1, "good 1")),
                new ChangeSet().put(device("fresh", 1, "fresh")).put(device("poison", 1, "bad")),
                ChangeSet.of(device("good-2", 1, "good 2"))));

    assertThat(commits.get(0).succeeded()).isTrue();
    assertThat(commits.get(1).cause()).isInstanceOf(StoreException.class);
    assertThat(commits.get(2).succeeded()).isTrue();
    assertThat(names(store)).containsExactly("good 1", "good 2");
    assertThat(store.health()).isEqualTo("UP");
    await(store.close());
    SqliteResourceStore reopened = open();
    assertThat(names(reopened)).containsExactly("good 1", "good 2");
    await(reopened.close());
  }

  @Test
  void within_a_batch_a_later_change_to_the_same_resource_wins() throws Exception {
    SqliteResourceStore store = open();

    commitTogether(
        store,
        List.of(
            ChangeSet.of(device("a", 1, "first")),
            ChangeSet.of(device("a", 2, "second")),
            ChangeSet.of(device("b", 1, "short-lived")),
            new ChangeSet().delete("b")));

    assertThat(names(store)).containsExactly("second");
    await(store.close());
    SqliteResourceStore reopened = open();
    assertThat(names(reopened)).containsExactly("second");
    await(reopened.close());
  }

  @Test
  void on_a_full_disk_a_batch_acknowledges_only_what_is_stored_and_memory_follows_the_disk()
      throws Exception {
    SqliteResourceStore store = open();
    await(store.limitPages(2));
    List<ChangeSet> changes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      changes.add(ChangeSet.of(device("d" + i, 1, "device " + i + "x".repeat(3000))));
    }

    List<Future<Void>> commits = commitTogether(store, changes);

    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < commits.size(); i++) {
      if (commits.get(i).succeeded()) {
        acknowledged.add("device " + i + "x".repeat(3000));
      } else {
        assertThat(commits.get(i).cause()).isInstanceOf(StoreFullException.class);
      }
    }
    assertThat(acknowledged).hasSizeLessThan(20);
    assertThat(names(store)).containsExactlyElementsOf(acknowledged);
    await(store.close());
    SqliteResourceStore reopened = open();
    assertThat(names(reopened)).containsExactlyElementsOf(acknowledged);
    await(reopened.close());
  }

  @Test
  void a_write_that_waits_for_its_batch_is_not_lost_when_the_commit_is_reported_failed()
      throws Exception {
    SqliteResourceStore store = open();
    await(store.loseTransaction());

    List<Future<Void>> commits =
        commitTogether(
            store,
            List.of(
                ChangeSet.of(device("a", 1, "a")),
                ChangeSet.of(device("b", 1, "b")),
                ChangeSet.of(device("c", 1, "c"))));

    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < commits.size(); i++) {
      if (commits.get(i).succeeded()) {
        acknowledged.add(List.of("a", "b", "c").get(i));
      }
    }
    assertThat(names(store)).containsExactlyElementsOf(acknowledged);
    await(store.close());
    SqliteResourceStore reopened = open();
    assertThat(names(reopened)).containsExactlyElementsOf(acknowledged);
    await(reopened.close());
  }
}
