package io.sparkrelay.launcher;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sparkrelay.contract.events.DeadLetter;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.Unmatched;
import io.sparkrelay.contract.events.WorkflowCreated;

/**
 * The contract records the launcher writes through Jackson, kept for reflection in a native image.
 */
@RegisterForReflection(
    targets = {WorkflowCreated.class, ObjectRef.class, Unmatched.class, DeadLetter.class})
final class ContractRecords {

  private ContractRecords() {}
}
