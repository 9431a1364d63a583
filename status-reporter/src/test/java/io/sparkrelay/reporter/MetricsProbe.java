package io.sparkrelay.reporter;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one figure from the reporter's {@code /q/metrics}, as Prometheus would scrape it. */
final class MetricsProbe {

  private MetricsProbe() {}

  /** Sum of the series of {@code name} whose label text contains every one of {@code labels}. */
  static double value(String name, String... labels) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);
    Matcher matcher = line.matcher(body);
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
