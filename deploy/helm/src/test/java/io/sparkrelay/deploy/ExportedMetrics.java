package io.sparkrelay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metrics the four services export, read from where they are made: every Micrometer meter
 * registered in a service's main sources (`Counter.builder("relay...")`, `Timer.builder`,
 * `Gauge.builder`, `DistributionSummary.builder`, and the services' `counter("relay...")`
 * shorthand), named as Micrometer's Prometheus registry names them on /q/metrics. The READMEs'
 * metric tables say the same in prose but abbreviate (`_filtered_total`), so the code is the
 * source. A meter made some other way is missed, which fails the checks that use this list rather
 * than passing them.
 */
final class ExportedMetrics {

  static final List<String> SERVICES =
      List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter");

  private static final Pattern BUILDER =
      Pattern.compile(
          "\\b(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*\"(relay\\.[a-z0-9.]+)\"");
  private static final Pattern COUNTER_SHORTHAND =
      Pattern.compile("\\bcounter\\(\\s*\"(relay\\.[a-z0-9.]+)\"");

  /** One registered meter: its Micrometer type and name, and whether it publishes buckets. */
  record Meter(String service, String type, String name, boolean histogram) {

    private String base() {
      return name.replace('.', '_');
    }

    /** The series names a scrape shows for it. */
    List<String> seriesNames() {
      return switch (type) {
        case "Counter" -> List.of(base() + "_total");
        case "Gauge" -> List.of(base());
        case "Timer" -> distribution(base() + "_seconds");
        default -> distribution(base());
      };
    }

    private List<String> distribution(String base) {
      List<String> names = new ArrayList<>(List.of(base + "_count", base + "_sum", base + "_max"));
      if (histogram) {
        names.add(base + "_bucket");
      }
      return names;
    }
  }

  private ExportedMetrics() {}

  static List<Meter> meters() {
    List<Meter> meters = new ArrayList<>();
    for (String service : SERVICES) {
      for (Path source : sources(Project.repoDir().resolve(service).resolve("src/main/java"))) {
        String code = read(source);
        Matcher builder = BUILDER.matcher(code);
        while (builder.find()) {
          int end = code.indexOf(".register(", builder.end());
          String chain = code.substring(builder.start(), end < 0 ? code.length() : end);
          boolean histogram =
              chain.contains("publishPercentileHistogram")
                  || chain.contains("serviceLevelObjectives");
          meters.add(new Meter(service, builder.group(1), builder.group(2), histogram));
        }
        Matcher counter = COUNTER_SHORTHAND.matcher(code);
        while (counter.find()) {
          meters.add(new Meter(service, "Counter", counter.group(1), false));
        }
      }
    }
    return meters;
  }

  /** Every series name the services export. */
  static Set<String> seriesNames() {
    Set<String> names = new TreeSet<>();
    meters().forEach(meter -> names.addAll(meter.seriesNames()));
    return names;
  }

  private static List<Path> sources(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
