package io.sparkrelay.bridge;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sparkrelay.contract.events.DeadLetter;

/**
 * The contract records the bridge writes through Jackson, kept for reflection in a native image.
 */
@RegisterForReflection(targets = {DeadLetter.class})
final class ContractRecords {

  private ContractRecords() {}
}
