package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sparkrelay.contract.events.DeadLetter;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.RunEnded;
import io.sparkrelay.contract.events.SparkRefused;
import io.sparkrelay.contract.events.SparkSubmitted;
import io.sparkrelay.contract.events.Unmatched;
import io.sparkrelay.contract.events.WorkflowCreated;

/**
 * The contract records the reporter reads and writes through Jackson (the run ended event also in
 * the REST answer), kept for reflection in a native image.
 */
@RegisterForReflection(
    targets = {
      WorkflowCreated.class,
      Unmatched.class,
      SparkSubmitted.class,
      SparkRefused.class,
      DeadLetter.class,
      RunEnded.class,
      RunEnded.Executors.class,
      RunEnded.Step.class,
      ObjectRef.class
    })
final class ContractRecords {

  private ContractRecords() {}
}
