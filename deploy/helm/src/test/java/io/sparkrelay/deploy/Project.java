package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/**
 * Where the checked files are; Maven passes the paths (see the module's pom), an IDE falls back.
 */
final class Project {

  private Project() {}

  static Path chartDir() {
    return dir("chart.dir", "spark-relay");
  }

  static Path argoDir() {
    return dir("argo.dir", "../argo");
  }

  /** The repository root, where each service's README documents its metrics. */
  static Path repoDir() {
    return dir("repo.dir", "../..");
  }

  static Path helmBinDir() {
    return Path.of(System.getProperty("helm.bin.dir", ".bin")).toAbsolutePath().normalize();
  }

  static Path helmWorkDir() {
    return Path.of(System.getProperty("helm.work.dir", "target/helm-home"))
        .toAbsolutePath()
        .normalize();
  }

  private static Path dir(String property, String fallback) {
    Path dir = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    assertThat(dir).as(property).isDirectory();
    return dir;
  }
}
