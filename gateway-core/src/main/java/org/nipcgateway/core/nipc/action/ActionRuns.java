package org.nipcgateway.core.nipc.action;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

  synchronized void add(ActionRun run) {
    Iterator<ActionRun> oldest = runs.values().iterator();
    while (oldest.hasNext()) {
      ActionRun candidate = oldest.next();
      if (runs.size() >= maxRuns || candidate.finishedBefore(clock.instant().minus(keepFinished))) {
        oldest.remove();
      } else {
        break;
      }
    }
    runs.put(run.instanceId(), run);
  }

  /** The run with that instance id, started on that device or group. */
  synchronized Optional<ActionRun> find(String ownerId, String instanceId) {
    return Optional.ofNullable(runs.get(instanceId)).filter(r -> r.ownerId().equals(ownerId));
  }

  Clock clock() {
    return clock;
  }
}
