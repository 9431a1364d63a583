package io.sparkrelay.launcher;

import static io.restassured.RestAssured.given;

import io.sparkrelay.testkit.PrometheusText;

/** Reads one figure from the service's own {@code /q/metrics}, summed over its series. */
final class MetricsProbe {

  private MetricsProbe() {}

  static double value(String name) {
    return PrometheusText.sum(
        given().get("/q/metrics").then().statusCode(200).extract().asString(), name);
  }
}
