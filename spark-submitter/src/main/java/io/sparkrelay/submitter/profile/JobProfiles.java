package io.sparkrelay.submitter.profile;

import io.quarkus.logging.Log;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job profiles this service offers, read once at start-up from {@code relay.profiles.file} (a
 * mounted ConfigMap) or, when unset, from the profiles shipped in the jar. A ConfigMap change takes
 * effect on the next pod start (the Helm chart rolls pods on a checksum change).
 */
@ApplicationScoped
public class JobProfiles {

  static final String BUNDLED = "spark-relay/profiles.yaml";

  private final Map<String, JobProfile> profiles;

  @Inject
  JobProfiles(SubmitterConfig config) {
    this(load(config.profiles().file()));
    Log.infof("job profiles: %s", profiles.keySet());
  }

  public JobProfiles(Map<String, JobProfile> profiles) {
    this.profiles = Map.copyOf(profiles);
  }

  public Optional<JobProfile> find(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  public java.util.Collection<JobProfile> all() {
    return profiles.values();
  }

  public Set<String> names() {
    return new java.util.TreeSet<>(profiles.keySet());
  }

  private static Map<String, JobProfile> load(Optional<String> file) {
    ProfileFileReader reader = new ProfileFileReader();
    if (file.isPresent()) {
      Path path = Path.of(file.get());
      try (InputStream in = Files.newInputStream(path)) {
        return reader.read(in, path.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read profiles file " + path, e);
      }
    }
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new InvalidProfilesException("bundled profiles " + BUNDLED + " missing");
      }
      return reader.read(in, "classpath:" + BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
