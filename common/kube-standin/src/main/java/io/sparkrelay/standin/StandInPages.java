package io.sparkrelay.standin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads the pages the API stand-in serves about itself (request log, refusals, rule usage). */
final class StandInPages {

  private StandInPages() {}

  static String get(String apiUrl, String path) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(apiUrl + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(path + ": HTTP " + response.statusCode() + " from " + apiUrl);
      }
      return response.body();
    }
  }
}
