package io.sparkrelay.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The status-reporter's run pages in headless Chromium against the local chain: what a person sees
 * of a good run, an OOM, a dead letter with a hostile body, and a list that updates live.
 * Screenshots of the pages go to target/screenshots (the README's come from such a run).
 */
class RunPagesBrowserTest {

  /** A body that would run script if any page put it into markup. */
  static final String HOSTILE =
      "not json <script>window.pwned=1</script>\"><img src=x onerror=\"window.pwned=2\">";

  private static final Path RULES = Path.of("target/redrive-test/rules.yaml");
  private static final java.util.concurrent.atomic.AtomicReference<String> FIXED_RULES =
      new java.util.concurrent.atomic.AtomicReference<>();

  private static LocalChain chain;
  private static SqsClient sqs;
  private static ChromeDriver browser;
  private static String reporter;
  private static String good;
  private static String oom;
  private static String dead;

  @BeforeAll
  static void startTheChainAndTheBrowser() throws Exception {
    // the launcher reads its rules from a file the redrive test fixes later, as an operator would:
    // the local stack's rules (with the scenario parameter the OOM run needs)
    String rules =
        Files.readString(LocalChain.repositoryRoot().resolve("deploy/local/overlay/rules.yaml"));
    FIXED_RULES.set(rules);
    Files.createDirectories(RULES.getParent());
    Files.writeString(RULES, rules.replace("pattern: '([1-9][0-9]?)?'", "pattern: '(1)?'"));
    chain =
        LocalChain.start(
            Duration.ofMillis(100),
            Duration.ofMillis(600),
            java.util.Map.of("RELAY_RULES_FILE", RULES.toAbsolutePath().toString()),
            "--restart-crashed");
    sqs = chain.sqsClient();
    reporter = chain.endpoint("REPORTER_URL");
    good = send("{\"job\":\"pi\"}");
    oom = send("{\"job\":\"pi\",\"scenario\":\"oom\"}");
    dead = send(HOSTILE);
    for (String run : List.of(good, oom, dead)) {
      await("run " + run + " ended")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> ended(run));
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,1250",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (sqs != null) {
      sqs.close();
    }
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void aGoodRunsPageShowsEveryStageInOrder() throws IOException {
    open("/runs/" + good);
    awaitText("#outcome", "COMPLETED");
    assertThat(texts("#timeline .label"))
        .containsExactly(
            "RECEIVED", "WORKFLOW_CREATED", "SPARK_SUBMITTED", "DRIVER_RUNNING", "COMPLETED");
    assertThat(text("#facts")).contains(good).contains("pi-").contains("SparkApplication");
    // the Workflow's steps as Argo reported them, each Succeeded
    assertThat(texts("#nodes .label"))
        .contains("hello-job1", "hello-job2", "submit-spark", "await-spark");
    assertThat(texts("#nodes .detail"))
        .allSatisfy(detail -> assertThat(detail).contains("Succeeded"));
    screenshot("run-completed");
  }

  @Test
  void anOomRunShowsTheReasonOnTheDriverThatDied() throws IOException {
    open("/runs/" + oom);
    awaitText("#outcome", "FAILED");
    assertThat(text("#outcome")).contains("OOMKilled");
    WebElement driver =
        browser.findElements(By.cssSelector("#pods li")).stream()
            .filter(item -> item.getText().startsWith("driver "))
            .findFirst()
            .orElseThrow();
    assertThat(driver.findElement(By.cssSelector(".failure-note")).getText())
        .startsWith("✗ OOMKilled");
    screenshot("run-oom");
  }

  @Test
  void aDeadLetterShowsItsReasonAndItsBodyAsTextAndRunsNothing() throws IOException {
    open("/runs/" + dead);
    awaitText("#outcome", "DEAD_LETTERED");
    assertThat(text("#outcome"))
        .isEqualTo(
            "✉ DEAD_LETTERED body-not-object — the body is not JSON: Unrecognized token 'not': was"
                + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                + " 'false'), so no trigger rule can read it");
    assertThat(browser.findElement(By.id("dead-body")).getText()).isEqualTo(HOSTILE);
    assertThat(text("#dead")).contains("workflow-launcher");
    Object pwned = ((JavascriptExecutor) browser).executeScript("return window.pwned;");
    assertThat(pwned).as("a script from the body ran").isNull();
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();
    assertThat(browser.findElements(By.tagName("script")))
        .allSatisfy(script -> assertThat(script.getAttribute("src")).contains("/ui/"));
    screenshot("run-dead-letter");
  }

  @Test
  void theListGetsANewRunWithoutAReload() throws Exception {
    open("/");
    awaitText("#live", "live");
    assertThat(texts("#runs tbody td.id")).contains(good, oom, dead);
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("window.sameDocument = 'yes';");
    String fresh = send("{\"job\":\"pi\"}");
    await("the new run's row")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> texts("#runs tbody td.id").contains(fresh));
    assertThat(js.executeScript("return window.sameDocument;")).isEqualTo("yes");
    assertThat(texts("#runs tbody td.id").get(0)).isEqualTo(fresh);
    await("the counts")
        .atMost(Duration.ofSeconds(30))
        .until(() -> text("#counts").contains("DEAD_LETTERED"));
    screenshot("runs");
  }

  @Test
  void theSearchFindsARunByItsWorkflowName() throws Exception {
    HttpResponse<String> run =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(reporter + "/api/v1/runs/" + good)).build(),
                HttpResponse.BodyHandlers.ofString());
    String workflow =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(run.body())
            .at("/workflow/name")
            .asText();
    open("/?q=" + workflow);
    await("the search result")
        .atMost(Duration.ofSeconds(20))
        .until(() -> texts("#runs tbody td.id").equals(List.of(good)));
  }

  @Test
  void deadLettersAreListedByTheirReason() {
    open("/?state=DEAD_LETTERED&reason=body-not-object");
    await("the dead letters of one reason")
        .atMost(Duration.ofSeconds(20))
        .until(() -> texts("#runs tbody td.id").equals(List.of(dead)));
    open("/?reason=OOMKilled");
    await("the OOM run")
        .atMost(Duration.ofSeconds(20))
        .until(() -> texts("#runs tbody td.id").equals(List.of(oom)));
  }

  @Test
  void aDeadLetterRedrivenAfterItsRuleWasFixedEndsCompleted() throws Exception {
    String refused = send("{\"job\":\"pi\",\"executors\":\"2\"}");
    await("the dead letter")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> ended(refused));
    open("/runs/" + refused);
    awaitText("#outcome", "DEAD_LETTERED");
    assertThat(text("#outcome")).contains("invalid-parameter");

    // the operator fixes the rule; the launcher is restarted (run.sh starts it again) and reads it
    Files.writeString(RULES, FIXED_RULES.get());
    try (ChainProcesses processes = new ChainProcesses(chain)) {
      processes.kill("workflow-launcher");
    }
    await("the launcher ready again")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> status(chain.endpoint("LAUNCHER_URL") + "/q/health/ready") == 200);

    String credential =
        Files.readString(Path.of(chain.endpoint("REDRIVE_CREDENTIAL_FILE"))).strip();
    open("/runs/" + refused);
    awaitText("#outcome", "DEAD_LETTERED");
    browser.findElement(By.id("redrive-credential")).sendKeys("not-the-credential");
    browser.findElement(By.cssSelector("#redrive button")).click();
    awaitText("#redrive-answer", "refused (401)");
    WebElement field = browser.findElement(By.id("redrive-credential"));
    field.clear();
    field.sendKeys(credential);
    browser.findElement(By.cssSelector("#redrive button")).click();
    awaitText("#redrive-answer", "sent again by operator");
    await("the second attempt's end")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> text("#outcome").contains("COMPLETED"));
    assertThat(texts("#timeline .label"))
        .containsExactly(
            "RECEIVED",
            "REDRIVEN",
            "WORKFLOW_CREATED",
            "SPARK_SUBMITTED",
            "DRIVER_RUNNING",
            "COMPLETED");
    assertThat(text("#timeline li.redrive")).contains("by operator");
    assertThat(text("#redrives")).startsWith("sent again by operator at ");
    screenshot("run-redriven");
  }

  private static int status(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String send(String body) {
    return sqs.sendMessage(b -> b.queueUrl(chain.endpoint("QUEUE_URL")).messageBody(body))
        .messageId();
  }

  private static boolean ended(String runId) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(reporter + "/api/v1/runs/" + runId)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200
        && List.of("\"COMPLETED\"", "\"FAILED\"", "\"DEAD_LETTERED\"").stream()
            .anyMatch(state -> response.body().contains("\"state\":" + state));
  }

  private static void open(String path) {
    browser.get(reporter + path);
  }

  private static void awaitText(String selector, String expected) {
    await(selector + " shows " + expected)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> text(selector).contains(expected));
  }

  private static String text(String selector) {
    return browser.findElement(By.cssSelector(selector)).getText();
  }

  private static List<String> texts(String selector) {
    return browser.findElements(By.cssSelector(selector)).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static void screenshot(String name) throws IOException {
    Path dir = Path.of("target/screenshots");
    Files.createDirectories(dir);
    Files.write(
        dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
