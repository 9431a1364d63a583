package io.sparkrelay.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * Timings and wiring of the simulated controllers.
 *
 * @param stepDelay how long each simulated controller takes to react (state change, pod start)
 * @param containerStepDuration how long an Argo container step "runs" before it succeeds
 * @param driverRunDuration how long a Spark driver "runs" before it succeeds or fails
 * @param imagePullBackOff how long a driver stays in ErrImagePull/ImagePullBackOff before the
 *     simulated operator gives the application up
 * @param resourceTimeout how long a {@code resource} step waits for its success or failure
 *     condition
 * @param serviceAliases in-cluster service addresses ({@code host} or {@code host:port}) mapped to
 *     local ones ({@code 127.0.0.1:8092}, or several comma separated: the instances behind a
 *     Service, taken in turn), the simulator's stand-in for cluster DNS
 * @param honourRetryAfter whether an http step's retry waits at least the server's Retry-After
 */
public record SimulatorSettings(
    Duration stepDelay,
    Duration containerStepDuration,
    Duration driverRunDuration,
    Duration imagePullBackOff,
    Duration resourceTimeout,
    Map<String, String> serviceAliases,
    boolean honourRetryAfter) {

  public static SimulatorSettings defaults() {
    return new SimulatorSettings(
        Duration.ofMillis(300),
        Duration.ofMillis(300),
        Duration.ofMillis(1500),
        Duration.ofMillis(1000),
        Duration.ofMinutes(10),
        Map.of(),
        true);
  }

  /** The same settings with every simulated step taking {@code delay}. */
  public SimulatorSettings withFastSteps(Duration delay) {
    return new SimulatorSettings(
        delay, delay, delay, delay, resourceTimeout, serviceAliases, honourRetryAfter);
  }

  public SimulatorSettings withServiceAliases(Map<String, String> aliases) {
    return new SimulatorSettings(
        stepDelay,
        containerStepDuration,
        driverRunDuration,
        imagePullBackOff,
        resourceTimeout,
        Map.copyOf(aliases),
        honourRetryAfter);
  }
}
