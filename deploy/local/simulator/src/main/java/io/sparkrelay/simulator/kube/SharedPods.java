package io.sparkrelay.simulator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One informer on the pods of every namespace, shared by the simulated controllers as a real
 * controller manager shares its caches: the kubelet reacts to pods through it, and the others wait
 * on pod conditions through it. (A {@code waitUntilCondition} per wait opened a list and a watch
 * each time, about a fifth of the simulator's API calls.)
 */
public final class SharedPods implements AutoCloseable {

  private record Waiter(Predicate<Pod> condition, CompletableFuture<Pod> result) {}

  private final KubernetesClient client;
  private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
  private final List<Consumer<Pod>> listeners = new CopyOnWriteArrayList<>();
  private SharedIndexInformer<Pod> informer;

  public SharedPods(KubernetesClient client) {
    this.client = client;
  }

  /** Calls {@code listener} with every pod added or changed; register before {@link #start}. */
  public void onAddOrUpdate(Consumer<Pod> listener) {
    listeners.add(listener);
  }

  public void start() {
    informer =
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    offer(pod);
                  }

                  @Override
                  public void onUpdate(Pod old, Pod pod) {
                    offer(pod);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {
                    // a deleted pod meets no condition the controllers wait for
                  }
                });
  }

  /**
   * The pod once {@code condition} holds for it; a {@link KubernetesClientException} if it does not
   * within {@code timeout}, as {@code waitUntilCondition} would.
   */
  public Pod await(String namespace, String name, Predicate<Pod> condition, Duration timeout) {
    String key = namespace + "/" + name;
    Waiter waiter = new Waiter(condition, new CompletableFuture<>());
    // registered before the cache is read, so an update between the two is not missed
    waiters.compute(
        key,
        (k, list) -> {
          List<Waiter> registered = list == null ? new CopyOnWriteArrayList<>() : list;
          registered.add(waiter);
          return registered;
        });
    try {
      Pod cached = informer.getStore().getByKey(key);
      if (cached != null && condition.test(cached)) {
        return cached;
      }
      return waiter.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new KubernetesClientException(
          "pod " + key + " did not reach the awaited condition within " + timeout);
    } catch (ExecutionException e) {
      throw new KubernetesClientException("waiting for pod " + key, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted waiting for pod " + key, e);
    } finally {
      waiters.computeIfPresent(
          key,
          (k, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
          });
    }
  }

  private void offer(Pod pod) {
    listeners.forEach(listener -> listener.accept(pod));
    List<Waiter> list =
        waiters.get(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
    if (list != null) {
      for (Waiter waiter : list) {
        if (waiter.condition().test(pod)) {
          waiter.result().complete(pod);
        }
      }
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
