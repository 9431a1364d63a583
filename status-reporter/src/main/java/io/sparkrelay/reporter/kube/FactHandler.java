package io.sparkrelay.reporter.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.sparkrelay.reporter.RunState;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Turns every added or updated object into facts and hands them on. Deletions carry no news: what
 * the object said is already stored, which is why a deleted pod's failure is not forgotten.
 */
final class FactHandler<T extends HasMetadata> implements ResourceEventHandler<T> {

  private final BiFunction<T, Instant, Optional<RunState>> facts;
  private final Predicate<RunState> sink;
  private final Runnable onMissed;

  /**
   * @param sink stores the facts, false when they could not be stored
   * @param onMissed called when facts could not be stored, to resync later
   */
  FactHandler(
      BiFunction<T, Instant, Optional<RunState>> facts,
      Predicate<RunState> sink,
      Runnable onMissed) {
    this.facts = facts;
    this.sink = sink;
    this.onMissed = onMissed;
  }

  void handle(T obj) {
    facts
        .apply(obj, Instant.now())
        .ifPresent(
            run -> {
              if (!sink.test(run)) {
                onMissed.run();
              }
            });
  }

  @Override
  public void onAdd(T obj) {
    handle(obj);
  }

  @Override
  public void onUpdate(T oldObj, T newObj) {
    handle(newObj);
  }

  @Override
  public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
}
