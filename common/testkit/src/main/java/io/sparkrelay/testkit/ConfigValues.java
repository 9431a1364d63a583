package io.sparkrelay.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Settings of one test class, given as the resource's init arguments ({@code @ResourceArg(name =
 * "relay.limits.max-unfinished-workflows", value = "3")}). A test resource rather than a
 * QuarkusTestProfile: a profile re-augments the application, which then refuses the API server URL
 * the Kubernetes resource sets at run time.
 */
public class ConfigValues implements QuarkusTestResourceLifecycleManager {

  private Map<String, String> values = Map.of();

  @Override
  public void init(Map<String, String> initArgs) {
    values = Map.copyOf(initArgs);
  }

  @Override
  public Map<String, String> start() {
    return values;
  }

  @Override
  public void stop() {
    // nothing started
  }
}
