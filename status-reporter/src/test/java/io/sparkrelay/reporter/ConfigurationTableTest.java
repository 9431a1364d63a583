package io.sparkrelay.reporter;

import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.testkit.ConfigDocumentation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationTableTest {

  @Test
  void theReadmeDocumentsEveryKeyAndDefault() {
    ConfigDocumentation.assertDocuments(Path.of("README.md"), ReporterConfig.class, "relay");
  }
}
