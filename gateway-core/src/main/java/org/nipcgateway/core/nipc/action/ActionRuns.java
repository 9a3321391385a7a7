package org.nipcgateway.core.nipc.action;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Started actions by instance id, kept in memory for status queries. Finished runs are forgotten
 * after a while, and the oldest go first when there are too many, so memory stays bounded however
 * many actions run.
 */
final class ActionRuns {
  private final Clock clock;
  private final Duration keepFinished;
  private final int maxRuns;
  private final Map<String, ActionRun> runs = new LinkedHashMap<>();

  ActionRuns(Clock clock, Duration keepFinished, int maxRuns) {
    this.clock = clock;
    this.keepFinished = keepFinished;
    this.maxRuns = maxRuns;
  }

  /** Keeps the run; answers the instance ids of the runs forgotten to make room or expired. */
  synchronized List<String> add(ActionRun run) {
    List<String> forgotten = new ArrayList<>();
    Iterator<ActionRun> oldest = runs.values().iterator();
    while (oldest.hasNext()) {
      ActionRun candidate = oldest.next();
      if (runs.size() >= maxRuns || expired(candidate)) {
        oldest.remove();
        forgotten.add(candidate.instanceId());
      } else {
        break;
      }
    }
    runs.put(run.instanceId(), run);
    return forgotten;
  }

  /** Whether a finished run has been kept long enough. */
  boolean expired(ActionRun run) {
    return run.finishedBefore(clock.instant().minus(keepFinished));
  }

  /** Forgets the runs on deleted devices or groups. */
  synchronized void forget(java.util.Set<String> deletedIds) {
    runs.values().removeIf(r -> deletedIds.contains(r.ownerId()));
  }

  /** The run with that instance id, started on that device or group. */
  synchronized Optional<ActionRun> find(String ownerId, String instanceId) {
    return Optional.ofNullable(runs.get(instanceId)).filter(r -> r.ownerId().equals(ownerId));
  }

  Clock clock() {
    return clock;
  }
}
