package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.CommandResult;
import com.zsmartsystems.zigbee.ZigBeeCommand;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeStatus;
import com.zsmartsystems.zigbee.transaction.ZigBeeTransactionMatcher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a request through the stack's transaction manager and waits, on the calling worker, for its
 * answer until the driver's answer time, then ends the stack's transaction as well.
 *
 * <p>Why not the stack's own {@code ZigBeeTransactionFuture.get(timeout)}: it only stops the
 * caller's wait. It records a failed result and then cancels, which a future with a result refuses,
 * so the transaction stays in flight in the node's queue (its slot held for the stack's 10 s timer,
 * then the request sent again, up to three times: a Toggle would toggle again). Here the worker
 * waits on a future of its own, completed when the stack matches the response (the request's
 * matcher, watched) or when {@link UnclassedResponses} catches one the stack drops. Unless the
 * stack matched it, the stack's future is then cancelled while it has no result, which cancels the
 * transaction: the queue frees its slot and sends no retry (1.4.16.1). A transaction still waiting
 * in its queue is cancelled only once sent: cancelled before, it would stay queued, be sent later
 * and never end.
 */
final class StackTransactions implements AutoCloseable {
  private static final long RECHECK_MS = 50;
  private static final long GIVE_UP_MS = 120_000;

  private final ZigBeeNetworkManager network;
  private final Duration answerTimeout;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "nipc-zigbee-transactions");
            t.setDaemon(true);
            return t;
          });

  StackTransactions(ZigBeeNetworkManager network, Duration answerTimeout) {
    this.network = network;
    this.answerTimeout = answerTimeout;
  }

  /**
   * The request's answer, or a result without a response when none came in time. {@code answered}
   * may be completed by another source of answers too; a request without a matcher (a groupcast)
   * waits for the stack's own completion.
   */
  CommandResult send(
      ZigBeeCommand request,
      ZigBeeTransactionMatcher matcher,
      CompletableFuture<ZigBeeCommand> answered)
      throws InterruptedException {
    if (matcher == null) {
      return stackCompletion(network.sendTransaction(request, null));
    }
    AtomicBoolean matchedByStack = new AtomicBoolean();
    ZigBeeTransactionMatcher watched =
        (sent, received) -> {
          if (!matcher.isTransactionMatch(sent, received)) {
            return false;
          }
          matchedByStack.set(true);
          answered.complete(received);
          return true;
        };
    Future<CommandResult> pending = network.sendTransaction(request, watched);
    if (pending == null) {
      return new CommandResult(ZigBeeStatus.FAILURE, null); // the stack is shutting down
    }
    try {
      ZigBeeCommand response = answered.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new CommandResult(ZigBeeStatus.SUCCESS, response);
    } catch (TimeoutException | ExecutionException e) {
      return new CommandResult(ZigBeeStatus.FAILURE, null);
    } finally {
      if (!matchedByStack.get()) {
        end(request, pending, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MS));
      }
    }
  }

  /** The stack sets the transaction sequence number as it sends; only then is a cancel clean. */
  private void end(ZigBeeCommand request, Future<CommandResult> pending, long giveUp) {
    if (pending.isDone()) {
      return;
    }
    if (request.getTransactionId() != null) {
      pending.cancel(true);
    } else if (System.nanoTime() < giveUp && !timer.isShutdown()) {
      timer.schedule(() -> end(request, pending, giveUp), RECHECK_MS, TimeUnit.MILLISECONDS);
    }
  }

  private CommandResult stackCompletion(Future<CommandResult> pending) throws InterruptedException {
    if (pending == null) {
      return new CommandResult(ZigBeeStatus.FAILURE, null);
    }
    try {
      return pending.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return new CommandResult(ZigBeeStatus.FAILURE, null);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
