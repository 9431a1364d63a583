package io.sparkrelay.launcher;

import io.sparkrelay.launcher.config.LauncherConfig;
import io.sparkrelay.testkit.ConfigDocumentation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationTableTest {

  @Test
  void theReadmeDocumentsEveryKeyAndDefault() {
    ConfigDocumentation.assertDocuments(Path.of("README.md"), LauncherConfig.class, "relay");
  }
}
