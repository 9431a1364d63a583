package io.sparkrelay.bridge;

import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.testkit.ConfigDocumentation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationTableTest {

  @Test
  void theReadmeDocumentsEveryKeyAndDefault() {
    ConfigDocumentation.assertDocuments(Path.of("README.md"), BridgeConfig.class, "relay");
  }
}
