package io.sparkrelay.submitter.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The service's configuration as it binds outside Quarkus: the defaults and {@code values}. */
public final class TestConfig {

  private TestConfig() {}

  public static SubmitterConfig of(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(Map.of("relay.auth.credentials", "test-credential"));
    all.putAll(values);
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(all, "test", 300))
        .withConverter(Duration.class, 200, new DurationConverter())
        .withConverter(MemorySize.class, 200, new MemorySizeConverter())
        .withMapping(SubmitterConfig.class)
        .build()
        .getConfigMapping(SubmitterConfig.class);
  }
}
