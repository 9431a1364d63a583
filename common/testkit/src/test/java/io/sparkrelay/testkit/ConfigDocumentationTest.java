package io.sparkrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.WithDefault;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocumentationTest {

  interface Sample {
    @WithDefault("4")
    int size();

    Optional<String> name();

    Group group();

    Map<String, String> tokens();

    default int twice() {
      return size() * 2;
    }

    interface Group {
      @WithDefault("2s")
      Duration pause();

      Optional<String> path();
    }
  }

  @Test
  void aTableThatListsEveryKeyWithItsDefaultPasses() throws URISyntaxException {
    ConfigDocumentation.assertDocuments(table(), Sample.class, "relay");
    assertThat(ConfigDocumentation.keys(Sample.class, "relay"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "relay.size", Optional.of("4"),
                "relay.name", Optional.empty(),
                "relay.group.pause", Optional.of("2s"),
                "relay.group.path", Optional.empty(),
                "relay.tokens.<name>", Optional.empty()));
  }

  @Test
  void aWrongDefaultFailsNamingTheKey(@TempDir Path dir) throws Exception {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, Files.readString(table()).replace("`2s`", "`5s`"));
    assertThatThrownBy(() -> ConfigDocumentation.assertDocuments(readme, Sample.class, "relay"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("default of relay.group.pause");
  }

  @Test
  void aMissingOrAnUnknownKeyFails(@TempDir Path dir) throws Exception {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, Files.readString(table()).replace("`relay.name`", "`relay.nmae`"));
    assertThatThrownBy(() -> ConfigDocumentation.assertDocuments(readme, Sample.class, "relay"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("relay.nmae")
        .hasMessageContaining("relay.name");
  }

  private static Path table() throws URISyntaxException {
    return Path.of(ConfigDocumentationTest.class.getResource("config-table.md").toURI());
  }
}
