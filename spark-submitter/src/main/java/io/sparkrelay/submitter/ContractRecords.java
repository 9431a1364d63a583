package io.sparkrelay.submitter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.SparkRefused;
import io.sparkrelay.contract.events.SparkSubmitted;

/**
 * The contract records the submitter writes through Jackson, kept for reflection in a native image.
 */
@RegisterForReflection(targets = {SparkSubmitted.class, SparkRefused.class, ObjectRef.class})
final class ContractRecords {

  private ContractRecords() {}
}
