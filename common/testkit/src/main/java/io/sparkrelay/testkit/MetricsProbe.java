package io.sparkrelay.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads figures out of a service's {@code /q/metrics}, as Prometheus scrapes it: the one metrics
 * probe of every test.
 */
public final class MetricsProbe {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private MetricsProbe() {}

  /**
   * The sum of the series of {@code name} of the service a {@code @QuarkusTest} runs whose labels
   * include every one of {@code labels} (each as Prometheus writes it, {@code
   * outcome="completed"}); 0 when there is none.
   */
  public static double value(String name, String... labels) {
    int port =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.http.test-port", Integer.class)
            .orElse(8081);
    return valueAt("http://localhost:" + port, name, labels);
  }

  /**
   * As {@link #value}, of the service answering at {@code base} (e.g. {@code
   * http://127.0.0.1:8081}).
   *
   * @throws IllegalStateException when the service does not answer 200
   */
  public static double valueAt(String base, String name, String... labels) {
    return sum(scrape(base), name, labels);
  }

  /** The whole exposition of the service at {@code base}, as scraped now. */
  public static String scrape(String base) {
    URI metrics = URI.create(base + "/q/metrics");
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(metrics + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(metrics + " cannot be scraped: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The sum over {@code exposition}'s series of {@code name} that carry every one of {@code
   * labels}.
   */
  public static double sum(String exposition, String name, String... labels) {
    Matcher matcher =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE)
            .matcher(exposition);
    double sum = 0;
    while (matcher.find()) {
      String found = matcher.group(1) == null ? "" : matcher.group(1);
      boolean all = true;
      for (String label : labels) {
        all &= found.contains(label);
      }
      if (all) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }
}
