package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asList;
import static io.sparkrelay.deploy.Manifests.asMap;
import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The release workflow cannot run here (no GitHub runner, no registry): what can be checked is that
 * it parses, fires on version tags only, builds both platforms with the project's own build script
 * from a digest-pinned base, and that every shell step is valid bash naming files that exist.
 */
class ReleaseWorkflowTest {

  private static final Path WORKFLOW = Project.repoDir().resolve(".github/workflows/release.yaml");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{[^}]*}}");
  private static final Pattern REPO_PATH = Pattern.compile("(?:deploy|\\.ci)/[\\w./-]+\\.sh");

  @Test
  void itPublishesBothPlatformsOnVersionTagsOnly() throws Exception {
    Map<String, Object> workflow = Manifests.parse(Files.readString(WORKFLOW)).objects().get(0);
    // snakeyaml reads the key "on" as the boolean true (YAML 1.1)
    Map<String, Object> triggers = asMap(workflow.getOrDefault("on", workflow.get(true)));
    assertThat(triggers.keySet()).containsExactly("push");
    assertThat(asList(at(triggers, "push.tags"))).containsExactly("v*.*.*");
    assertThat(at(workflow, "permissions.packages")).isEqualTo("write");

    List<Map<String, Object>> steps = asMaps(at(workflow, "jobs.publish.steps"));
    Map<String, Object> build =
        steps.stream()
            .filter(s -> "deploy/images/build.sh --push".equals(s.get("run")))
            .findFirst()
            .orElseThrow();
    assertThat(at(build, "env.IMAGE_PLATFORMS")).isEqualTo("linux/amd64,linux/arm64");
    assertThat(Files.readString(WORKFLOW))
        .contains("BASE_IMAGE=$BASE_REPOSITORY:$BASE_TAG@sha256:$digest");
  }

  @Test
  void everyShellStepIsValidBashAndNamesScriptsThatExist() throws Exception {
    Map<String, Object> workflow = Manifests.parse(Files.readString(WORKFLOW)).objects().get(0);
    for (Map<String, Object> step : asMaps(at(workflow, "jobs.publish.steps"))) {
      Object run = step.get("run");
      if (run == null) {
        continue;
      }
      String script = EXPRESSION.matcher((String) run).replaceAll("EXPR");
      Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
      bash.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
      bash.getOutputStream().close();
      String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(bash.exitValue()).as("bash -n of step '%s': %s", step.get("name"), out).isZero();
      Matcher paths = REPO_PATH.matcher(script);
      while (paths.find()) {
        assertThat(Project.repoDir().resolve(paths.group()))
            .as("step '%s' runs it", step.get("name"))
            .isExecutable();
      }
    }
  }
}
