package io.sparkrelay.bridge;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one figure from the service's own {@code /q/metrics}, as Prometheus would scrape it. */
final class BridgeMetricsProbe {

  private BridgeMetricsProbe() {}

  /** Sum of every series of {@code name} whose labels contain {@code labelFilter}. */
  static double value(String name, String labelFilter) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);
    Matcher matcher = line.matcher(body);
    double sum = 0;
    while (matcher.find()) {
      String labels = matcher.group(1) == null ? "" : matcher.group(1);
      if (labels.contains(labelFilter)) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }

  static double value(String name) {
    return value(name, "");
  }
}
