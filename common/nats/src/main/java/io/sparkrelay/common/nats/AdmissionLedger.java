package io.sparkrelay.common.nats;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A limit that holds across the replicas of a service: per key (a namespace, say) the set of names
 * admitted and not yet seen finished, kept in one entry of a JetStream key-value bucket and written
 * only with the revision it was read at. Two replicas admitting at once read the same revision; one
 * write wins, the other is refused by the server, reads again and decides again against the set
 * that now holds the winner's name. So together they never admit more than the limit. Every
 * admission is such a conditional write (a name admitted already gains a holder), so a read that
 * lags behind, as one served by a follower of a replicated bucket may, can refuse or retry but
 * never admit.
 *
 * <p>Each name keeps its place with the time of its admission and the number of callers holding it
 * (one creating the object, and any asking for the same name meanwhile, a retry, say): a {@link
 * #release} gives back one hold, and the place only when none is left and the view does not show
 * the object unfinished. So a caller that found its name admitted already never creates without a
 * place because the first one gave its hold back.
 *
 * <p>The entry is tidied on every write with what the service's {@link View} (its informer) knows:
 * a name it shows finished, or deleted after its admission, leaves; a name it has never seen leaves
 * only {@code grace} after its admission (an informer lags behind a create: the name of an object
 * being created must not be forgotten meanwhile); and the unfinished objects it shows that the
 * entry lacks (made before the ledger, or by a replica that died before writing) are added.
 *
 * <p>Within one replica the callers of one key are served in groups: whoever holds the key's lock
 * decides for every caller queued meanwhile with one read and one write, so the replicas contend
 * with each other only, not with their own threads. A write refused for a newer revision is tried
 * again from a fresh read, at most {@link #MAX_ATTEMPTS} times.
 *
 * <p>Without NATS nothing is admitted: {@link UnavailableException} (a service answers "try again
 * later" rather than admit unchecked). The bucket is created when missing (on {@code
 * relay.nats.replicas} servers, file storage, one revision per key) or, with {@code
 * relay.nats.manage-streams} off, only looked up, once per connection.
 */
public final class AdmissionLedger {

  /**
   * Most places a key may have, the bound of the limits its users take from config: a key is one
   * entry listing every place, and nats-server refuses a message over its max_payload (1 MiB by
   * default). 5,000 places of names of 127 characters (a namespace, "/" and a name of 63 each) are
   * about 0.8 MiB; a larger limit would make the ledger refuse every admission once it filled.
   */
  public static final int MAX_PLACES = 5000;

  /** Refused writes (another replica wrote first) after which a decision is given up. */
  public static final int MAX_ATTEMPTS = 10;

  private static final Logger LOG = Logger.getLogger(AdmissionLedger.class);
  private static final int WRONG_LAST_SEQUENCE = 10071;
  private static final int STREAM_NOT_FOUND = 10059;
  private static final Pattern KEY = Pattern.compile("[-_=a-zA-Z0-9]+(\\.[-_=a-zA-Z0-9]+)*");
  private static final TypeReference<LinkedHashMap<String, Place>> ENTRY = new TypeReference<>() {};

  /** What the service knows of a name, from its own watch on the objects. */
  public enum Presence {
    /** Seen and not finished: it counts. */
    ACTIVE,
    /** Seen finished, or seen deleted after its admission: it leaves the set. */
    FINISHED,
    /** Not seen (yet): it counts until {@code grace} after its admission. */
    UNSEEN
  }

  /** The service's view of the objects the names stand for (an informer). */
  public interface View {
    /** What is known of {@code name} under {@code key}, which was admitted at {@code admitted}. */
    Presence presence(String key, String name, Instant admitted);

    /** The unfinished objects under {@code key} as the view shows them; they count too. */
    Set<String> active(String key);
  }

  /**
   * The answer to one admission.
   *
   * @param admitted whether the name holds a place (newly, or it held one already); then this call
   *     holds it until it {@link #release}s it (or the view shows the object finished)
   * @param added whether this call gave the name its place
   * @param count the names holding a place after the decision
   */
  public record Decision(boolean admitted, boolean added, int count) {}

  /**
   * A name's place: admitted at (epoch milliseconds), by how many callers held; 0 for an object the
   * view showed unfinished that no caller holds.
   */
  record Place(long admitted, int holders) {}

  /** The ledger cannot be read or written now (NATS away, the bucket missing, contention). */
  public static final class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private final NatsConnection nats;
  private final String bucket;
  private final View view;
  private final Duration grace;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private volatile Bound bound;

  /**
   * @param bucket the bucket's name (the contract's {@code Streams.ADMISSION_BUCKET})
   * @param grace how long a name the view has not seen keeps its place
   */
  public AdmissionLedger(
      NatsConnection nats, String bucket, View view, Duration grace, Clock clock) {
    this.nats = nats;
    this.bucket = bucket;
    this.view = view;
    this.grace = grace;
    this.clock = clock;
  }

  /** The bucket as this service creates it: file storage, one revision per key. */
  public static KeyValueConfiguration configuration(String bucket, int replicas) {
    return KeyValueConfiguration.builder()
        .name(bucket)
        .description("Spark Relay admission: names admitted per limit, across replicas")
        .maxHistoryPerKey(1)
        .storageType(StorageType.File)
        .replicas(replicas)
        .build();
  }

  /**
   * Gives {@code name} a place under {@code key} if fewer than {@code limit} names hold one; a name
   * that holds one already keeps it (admitted, not added).
   *
   * @throws UnavailableException when the ledger cannot be read or written now
   */
  public Decision admit(String key, String name, int limit) {
    return submit(key, new Request(name, limit)).decision;
  }

  /**
   * Gives back the hold {@link #admit} gave (the create it was for failed, or found the object
   * there already); the place goes with the last hold unless the view shows the object unfinished.
   * Best effort: when the ledger is away the name stays until the view shows it gone and {@code
   * grace} has passed.
   */
  public void release(String key, String name) {
    try {
      submit(key, new Request(name, -1));
    } catch (UnavailableException e) {
      LOG.infof("admission %s/%s not released now (%s); it lapses", key, name, e.getMessage());
    }
  }

  /**
   * The names holding a place under {@code key} now, tidied as the next write would tidy them.
   *
   * @throws UnavailableException when the ledger cannot be read now
   */
  public int count(String key) {
    checkKey(key);
    try {
      KeyValueEntry entry = kv().get(key);
      return tidy(key, read(entry)).size();
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      throw unavailable(e);
    }
  }

  private Request submit(String key, Request request) {
    checkKey(key);
    Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
    lane.queue.add(request);
    lane.lock.lock();
    try {
      if (!request.done) {
        List<Request> group = new ArrayList<>();
        for (Request queued; (queued = lane.queue.poll()) != null; ) {
          group.add(queued);
        }
        decide(key, group);
      }
    } finally {
      lane.lock.unlock();
    }
    if (request.failure != null) {
      throw request.failure;
    }
    return request;
  }

  /** One read, the group's decisions, one conditional write; again after a refused write. */
  private void decide(String key, List<Request> group) {
    try {
      for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        KeyValue kv = kv();
        KeyValueEntry entry = kv.get(key);
        Map<String, Place> stored = read(entry);
        Map<String, Place> next = tidy(key, stored);
        long now = clock.millis();
        List<Decision> decisions = new ArrayList<>(group.size());
        for (Request request : group) {
          decisions.add(request.apply(next, now, name -> isActive(key, name, next)));
        }
        if (next.equals(stored) || write(kv, key, entry, next)) {
          for (int i = 0; i < group.size(); i++) {
            group.get(i).decided(decisions.get(i));
          }
          return;
        }
        // another replica wrote since the read: decide again on what it wrote
        Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L + attempt * 2L));
      }
      fail(
          group,
          new UnavailableException(
              "admission " + key + ": " + MAX_ATTEMPTS + " writes lost to other replicas", null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(group, new UnavailableException("admission " + key + ": interrupted", e));
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      fail(group, unavailable(e));
    }
  }

  private static void fail(List<Request> group, UnavailableException failure) {
    group.forEach(request -> request.failed(failure));
  }

  /** The stored names less those that left, plus the view's unfinished ones. */
  private Map<String, Place> tidy(String key, Map<String, Place> stored) {
    long now = clock.millis();
    long unseenSince = now - grace.toMillis();
    Map<String, Place> next = new LinkedHashMap<>();
    stored.forEach(
        (name, place) -> {
          Presence presence = view.presence(key, name, Instant.ofEpochMilli(place.admitted()));
          if (presence == Presence.ACTIVE
              || (presence == Presence.UNSEEN && place.admitted() >= unseenSince)) {
            next.put(name, place);
          }
        });
    for (String active : view.active(key)) {
      next.putIfAbsent(active, new Place(now, 0));
    }
    return next;
  }

  private boolean isActive(String key, String name, Map<String, Place> places) {
    Place place = places.get(name);
    return place != null
        && view.presence(key, name, Instant.ofEpochMilli(place.admitted())) == Presence.ACTIVE;
  }

  private boolean write(KeyValue kv, String key, KeyValueEntry entry, Map<String, Place> next)
      throws IOException, JetStreamApiException {
    byte[] value = json.writeValueAsBytes(next);
    try {
      if (entry == null) {
        kv.create(key, value);
      } else {
        kv.update(key, value, entry.getRevision());
      }
      return true;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
        return false;
      }
      throw e;
    }
  }

  private Map<String, Place> read(KeyValueEntry entry) throws IOException {
    if (entry == null
        || entry.getOperation() != KeyValueOperation.PUT
        || entry.getValue() == null
        || entry.getValue().length == 0) {
      return Map.of();
    }
    return json.readValue(entry.getValue(), ENTRY);
  }

  /** The bucket's handle, made and the bucket ensured once per (re)connect. */
  private KeyValue kv() throws IOException, JetStreamApiException {
    if (!nats.isConnected()) {
      throw new IOException("NATS not connected");
    }
    long generation = nats.generation();
    Bound current = bound;
    if (current != null && current.generation == generation) {
      return current.kv;
    }
    synchronized (this) {
      current = bound;
      if (current == null || current.generation != generation) {
        ensure(); // a server that came back without its store gets the bucket again
        current = new Bound(generation, nats.keyValue(bucket));
        bound = current;
      }
      return current.kv;
    }
  }

  private void ensure() throws IOException, JetStreamApiException {
    KeyValueManagement kvm = nats.keyValueManagement();
    try {
      kvm.getStatus(bucket);
      return;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
    }
    if (!nats.settings().manageStreams()) {
      throw new IllegalStateException(
          "bucket " + bucket + " does not exist and relay.nats.manage-streams=false");
    }
    try {
      kvm.create(configuration(bucket, nats.settings().replicas()));
      LOG.infof("created key-value bucket %s", bucket);
    } catch (JetStreamApiException e) {
      try {
        kvm.getStatus(bucket); // another replica made it between the look-up and the create
      } catch (JetStreamApiException missing) {
        throw e;
      }
    }
  }

  private UnavailableException unavailable(Exception e) {
    if (e instanceof UnavailableException u) {
      return u;
    }
    return new UnavailableException(
        "admission bucket " + bucket + " not usable: " + e.getMessage(), e);
  }

  private static void checkKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a key-value key: " + key);
    }
  }

  private record Bound(long generation, KeyValue kv) {}

  private static final class Lane {
    final ReentrantLock lock = new ReentrantLock();
    final Queue<Request> queue = new ConcurrentLinkedQueue<>();
  }

  /** One caller's admission (limit >= 0) or release (limit < 0); decided under the lane's lock. */
  private static final class Request {
    final String name;
    final int limit;
    boolean done;
    Decision decision;
    UnavailableException failure;

    Request(String name, int limit) {
      this.name = Objects.requireNonNull(name, "name");
      this.limit = limit;
    }

    Decision apply(Map<String, Place> names, long now, Predicate<String> active) {
      Place place = names.get(name);
      if (limit < 0) {
        if (place != null) {
          int holders = place.holders() - 1;
          if (holders > 0 || active.test(name)) {
            names.put(name, new Place(place.admitted(), Math.max(0, holders)));
          } else {
            names.remove(name);
          }
        }
        return new Decision(false, false, names.size());
      }
      if (place != null) {
        names.put(name, new Place(place.admitted(), place.holders() + 1));
        return new Decision(true, false, names.size());
      }
      if (names.size() < limit) {
        names.put(name, new Place(now, 1));
        return new Decision(true, true, names.size());
      }
      return new Decision(false, false, names.size());
    }

    void decided(Decision result) {
      decision = result;
      done = true;
    }

    void failed(UnavailableException e) {
      failure = e;
      done = true;
    }
  }
}
