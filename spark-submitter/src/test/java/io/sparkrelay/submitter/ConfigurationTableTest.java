package io.sparkrelay.submitter;

import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.testkit.ConfigDocumentation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationTableTest {

  @Test
  void theReadmeDocumentsEveryKeyAndDefault() {
    ConfigDocumentation.assertDocuments(Path.of("README.md"), SubmitterConfig.class, "relay");
  }
}
