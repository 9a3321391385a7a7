package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import org.nipcgateway.core.security.SecretBox;

/**
 * What a {@link CallbackOutboxProvider} gets to build an outbox with.
 *
 * @param directory where the outbox keeps what it holds ({@code dataDir/callbacks})
 * @param poster one POST of a callback, with the {@code nipc.extensions} trust and timeout settings
 * @param settings the retry and bound settings of {@code nipc.extensions}
 * @param secrets seals the callback headers kept on disk (they may hold an API key)
 */
public record CallbackOutboxContext(
    Vertx vertx,
    Path directory,
    CallbackPoster poster,
    CallbackSettings settings,
    SecretBox secrets,
    Clock clock) {}
