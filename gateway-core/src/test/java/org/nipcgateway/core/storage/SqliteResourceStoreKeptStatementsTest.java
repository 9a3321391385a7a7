package org.nipcgateway.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's writer keeps its prepared statements between transactions; a change set that fails
 * half-way through binding must leave nothing in them for the next write to commit.
 */
class SqliteResourceStoreKeptStatementsTest {
  /** Seals nothing, and refuses a resource named "unsealable", as a broken sealer would. */
  private static final AttributeSealer REFUSING =
      new AttributeSealer() {
        @Override
        public ObjectNode seal(ObjectNode attributes) {
          if (attributes.path("displayName").asText().equals("unsealable")) {
            throw new IllegalStateException("cannot seal");
          }
          return attributes;
        }

        @Override
        public ObjectNode open(ObjectNode attributes) {
          return attributes;
        }
      };

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
    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    return new StoredResource(
        id,
        "Device",
        1,
        now,
        now,
        JsonNodeFactory.instance.objectNode().put("displayName", name),
        JsonNodeFactory.instance.objectNode());
  }

  @Test
  void a_change_set_that_fails_while_binding_leaves_nothing_for_the_next_write() throws Exception {
    ResourceStore store = await(SqliteResourceStore.open(vertx, dataDir, REFUSING));
    ChangeSet broken =
        new ChangeSet().put(device("d1", "bound first")).put(device("d2", "unsealable"));

    Future<Void> refused = store.commit(broken);
    await(refused.otherwiseEmpty());
    await(store.commit(ChangeSet.of(device("d3", "later"))));
    await(store.close());

    assertThat(refused.failed()).isTrue();
    ResourceStore reopened = await(SqliteResourceStore.open(vertx, dataDir, REFUSING));
    List<String> names = new ArrayList<>();
    await(reopened.findAll("Device"))
        .forEach(r -> names.add(r.attributes().path("displayName").asText()));
    assertThat(names).containsExactly("later");
    await(reopened.close());
  }
}
