package com.example.stubclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The extension stops the stub however the run ends. Each case runs {@link Child} in a JVM of its
 * own, through the JUnit Platform's launcher: a test there starts the stub, writes its URL to a
 * file, then fails once this test has seen the stub answer, or waits to be stopped.
 */
class ContractStubExtensionTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @ParameterizedTest
  @ValueSource(strings = {"fails", "interrupted", "terminated", "killed"})
  void theStubStopsWithTheRun(String ending, @TempDir Path dir) throws Exception {
    runChild(ending, dir, dir, System.getenv("CONTRACT_STUBS"));
  }

  /**
   * As in a project that installed the package: node_modules/.bin above the folder the tests run
   * in, no CONTRACT_STUBS. The child starts a stub only if it finds the command.
   */
  @Test
  void findsTheCommandInNodeModules(@TempDir Path project) throws Exception {
    String given = System.getenv("CONTRACT_STUBS");
    assertTrue(given != null && !given.isEmpty(), "the tests need CONTRACT_STUBS to install");
    Path bin = Files.createDirectories(project.resolve("node_modules/.bin"));
    Files.createSymbolicLink(bin.resolve("contract-stubs"), Path.of(given));
    Path nested = Files.createDirectories(project.resolve("service/tests"));
    runChild("fails", project, nested, null);
  }

  private static void runChild(String ending, Path dir, Path workingDir, String contractStubs)
      throws Exception {
    Path urlFile = dir.resolve("url");
    Path goFile = dir.resolve("go");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dcontractstub.probe=" + (ending.equals("fails") ? "fail" : "wait"),
                "-Dcontractstub.url-file=" + urlFile,
                "-Dcontractstub.go-file=" + goFile,
                Child.class.getName())
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output").toFile());
    builder.environment().remove("STUB_URL");
    if (contractStubs == null) {
      builder.environment().remove("CONTRACT_STUBS");
    }
    Process child = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(urlFile)) {
        if (!child.isAlive()) {
          fail("the child ended before starting a stub:\n" + output(dir));
        }
        if (System.nanoTime() > deadline) {
          fail("the child wrote no stub URL within 60 s:\n" + output(dir));
        }
        Thread.sleep(20);
      }
      String url = Files.readString(urlFile);
      assertTrue(answers(url), "the child's stub at " + url + " is not answering");

      Files.writeString(goFile, "go");
      switch (ending) {
        case "interrupted" -> signal("INT", child.pid());
        case "terminated" -> child.destroy();
        case "killed" -> child.destroyForcibly();
        default -> {}
      }
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not end:\n" + output(dir));
      assertNotEquals(0, child.exitValue(), output(dir));

      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (answers(url)) {
        if (System.nanoTime() > deadline) {
          fail("the stub at " + url + " still answers 10 s after the run ended");
        }
        Thread.sleep(50);
      }
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void findsTheCommandItIsGiven() {
    String given = System.getenv("CONTRACT_STUBS");
    assertTrue(given != null && !given.isEmpty(), "the scenarios run with CONTRACT_STUBS set");
    assertEquals(List.of(given), ContractStubExtension.command());
  }

  private static void signal(String name, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  private static boolean answers(String url) throws InterruptedException {
    try {
      HttpRequest health =
          HttpRequest.newBuilder(URI.create(url + "/__stub/health"))
              .timeout(Duration.ofSeconds(1))
              .build();
      return HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static String output(Path dir) throws IOException {
    Path file = dir.resolve("output");
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  /** The child JVM: runs {@link Probe} through the JUnit Platform and exits 1 if it failed. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) {
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create()
          .execute(
              LauncherDiscoveryRequestBuilder.request()
                  .selectors(DiscoverySelectors.selectClass(Probe.class))
                  .build(),
              listener);
      System.exit(listener.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
    }
  }

  /** A test as a user writes one; run only by {@link Child}, which sets the property. */
  @EnabledIfSystemProperty(named = "contractstub.probe", matches = ".+")
  static final class Probe {
    @RegisterExtension static final ContractStubExtension STUB = new ContractStubExtension();

    @Test
    void withAStub(@ContractStubExtension.Url String url) throws Exception {
      Path urlFile = Path.of(System.getProperty("contractstub.url-file"));
      Path part = Path.of(urlFile + ".part");
      Files.writeString(part, url);
      Files.move(part, urlFile);
      if (System.getProperty("contractstub.probe").equals("fail")) {
        while (!Files.exists(Path.of(System.getProperty("contractstub.go-file")))) {
          Thread.sleep(20);
        }
        fail("failing on purpose, with a stub running");
      }
      Thread.sleep(60_000);
    }
  }
}
