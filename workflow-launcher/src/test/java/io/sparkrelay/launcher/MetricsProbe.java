package io.sparkrelay.launcher;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one figure from the service's own {@code /q/metrics}, summed over its series. */
final class MetricsProbe {

  private MetricsProbe() {}

  static double value(String name) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher matcher =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE)
            .matcher(body);
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(2));
    }
    return sum;
  }
}
