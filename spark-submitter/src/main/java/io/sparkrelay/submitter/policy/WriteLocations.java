package io.sparkrelay.submitter.policy;

import io.sparkrelay.submitter.profile.JobProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a profile's job may write, and what it must never touch: the S3 prefix its scripts come
 * from (a run that wrote there would change the code the next run executes) and its event-log
 * directory (the history server's record of every run).
 */
final class WriteLocations {

  /** Argument positions a profile may declare as outputs: those a request can carry. */
  static final int MAX_ARGUMENTS = 64;

  static final String SCRIPTS = "scripts prefix";
  static final String EVENT_LOG = "event-log directory";

  private WriteLocations() {}

  /** The protected prefixes of {@code profile}, by what they are. */
  static Map<String, String> protectedPrefixes(JobProfile profile) {
    Map<String, String> prefixes = new LinkedHashMap<>();
    String main = profile.mainApplicationFile();
    if (isS3Uri(main)) {
      String location = S3Location.normalize(main);
      prefixes.put(SCRIPTS, location.substring(0, location.lastIndexOf('/') + 1));
    }
    String eventLog = profile.sparkConf().get("spark.eventLog.dir");
    if (eventLog != null && isS3Uri(eventLog)) {
      prefixes.put(EVENT_LOG, S3Location.normalize(eventLog));
    }
    return prefixes;
  }

  /**
   * What is wrong with {@code profile}'s write settings, checked at start-up so a profile that
   * could let a run overwrite its own scripts never serves a request.
   */
  static List<String> problems(JobProfile profile, List<String> allowedS3Prefixes) {
    String name = profile.name();
    List<String> problems = new ArrayList<>();
    for (Integer position : profile.outputArguments()) {
      if (position == null || position < 0 || position >= MAX_ARGUMENTS) {
        problems.add(name + ": outputArguments: " + position + " is not a position from 0 to 63");
      }
    }
    if (!profile.outputArguments().isEmpty() && profile.writablePrefixes().isEmpty()) {
      problems.add(name + ": outputArguments are declared but writablePrefixes is empty");
    }
    Map<String, String> protectedPrefixes = protectedPrefixes(profile);
    for (String prefix : profile.writablePrefixes()) {
      if (!isS3Uri(prefix) || !S3Location.isUnder(prefix, allowedS3Prefixes)) {
        problems.add(
            name
                + ": writable prefix '"
                + prefix
                + "' is not an S3 URI under relay.policy.allowed-s3-prefixes "
                + allowedS3Prefixes);
        continue;
      }
      String writable = S3Location.normalize(prefix);
      protectedPrefixes.forEach(
          (what, location) -> {
            if (S3Location.isUnder(writable, List.of(location))
                || S3Location.isUnder(location, List.of(writable))) {
              problems.add(
                  name
                      + ": writable prefix '"
                      + prefix
                      + "' overlaps the job's "
                      + what
                      + " '"
                      + location
                      + "'");
            }
          });
    }
    for (Integer position : profile.outputArguments()) {
      if (position != null && position >= 0 && position < profile.arguments().size()) {
        String argument = profile.arguments().get(position);
        if (!isWritable(argument, profile.writablePrefixes())) {
          problems.add(
              name
                  + ": argument "
                  + position
                  + " '"
                  + argument
                  + "' is an output but not under its writablePrefixes");
        }
      }
    }
    return problems;
  }

  /** Whether {@code argument} is exactly one S3 URI and lies under one of {@code prefixes}. */
  static boolean isWritable(String argument, List<String> prefixes) {
    return isS3Uri(argument)
        && S3Location.isUnder(argument, prefixes.stream().map(S3Location::normalize).toList());
  }

  private static boolean isS3Uri(String text) {
    return S3Location.findAll(text).equals(List.of(text));
  }
}
