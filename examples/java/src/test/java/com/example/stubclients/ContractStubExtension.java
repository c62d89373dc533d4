package com.example.stubclients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The contract stub for JUnit 5 tests: copy this file into your project (and change its package).
 *
 * <pre>{@code
 * @RegisterExtension static final ContractStubExtension STUB = new ContractStubExtension();
 *
 * @BeforeEach
 * void fresh() throws Exception { STUB.reset(); }
 *
 * @Test
 * void deletes(@ContractStubExtension.Url String url) { ... }
 * }</pre>
 *
 * <p>One stub serves the whole test run: the first class that registers the extension starts it,
 * and it stops when the run ends. The command is {@code $CONTRACT_STUBS} if set, else {@code
 * node_modules/.bin/contract-stubs} in the working directory or one above it, else {@code
 * contract-stubs} on {@code PATH}, else {@code npx --no-install contract-stubs}. It listens on a
 * free port on 127.0.0.1. Its standard input is a pipe this JVM holds and it runs with {@code
 * --stop-with-stdin}, so it stops however the JVM ends: failed tests, an interrupt, a kill. With
 * {@code STUB_URL} set, the stub there is used and none is started ({@code STUB_ADMIN_TOKEN}, if
 * set, goes to its admin API).
 */
public final class ContractStubExtension implements BeforeAllCallback, ParameterResolver {
  /** Marks a {@code String} or {@code URI} parameter that receives the stub's root URL. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface Url {}

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ContractStubExtension.class);
  private static final Pattern BANNER = Pattern.compile("listening on (http://\\S+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Running stub;

  @Override
  public void beforeAll(ExtensionContext context) {
    stub =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Running.class, key -> Running.launch(), Running.class);
  }

  /** The stub's root URL, without a trailing slash. */
  public String url() {
    return running().url;
  }

  /** Back to the demo data, with no faults armed and an empty journal. */
  public void reset() throws IOException, InterruptedException {
    HttpResponse<Void> response =
        HTTP.send(
            admin("/__stub/reset").POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 204) {
      throw new IllegalStateException("reset the stub: " + response.statusCode());
    }
  }

  /**
   * The journal's page as JSON: what the stub recorded since the last reset, oldest first, for one
   * API (customer-profiles, access-profiles, …), or for all when {@code api} is null.
   */
  public String requests(String api) throws IOException, InterruptedException {
    String query = api == null ? "" : "?api=" + URLEncoder.encode(api, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HTTP.send(
            admin("/__stub/requests" + query).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("read the journal: " + response.statusCode());
    }
    return response.body();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return parameter.isAnnotated(Url.class) && (type == String.class || type == URI.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    beforeAll(context);
    return parameter.getParameter().getType() == URI.class ? URI.create(url()) : url();
  }

  private Running running() {
    if (stub == null) {
      throw new IllegalStateException(
          "the stub is not started: register the extension on a static field with"
              + " @RegisterExtension");
    }
    return stub;
  }

  private HttpRequest.Builder admin(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10));
    String token = System.getenv("STUB_ADMIN_TOKEN");
    return token == null || token.isEmpty()
        ? request
        : request.header("Authorization", "Bearer " + token);
  }

  /** The command, found as the class documentation says. */
  static List<String> command() {
    String given = System.getenv("CONTRACT_STUBS");
    if (given != null && !given.isEmpty()) {
      return List.of(given);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path local = dir.resolve("node_modules/.bin/contract-stubs");
      if (Files.isRegularFile(local)) {
        return List.of(local.toString());
      }
    }
    Optional<Path> onPath = onPath("contract-stubs");
    if (onPath.isPresent()) {
      return List.of(onPath.get().toString());
    }
    Optional<Path> npx = onPath("npx");
    if (npx.isPresent()) {
      return List.of(npx.get().toString(), "--no-install", "contract-stubs");
    }
    throw new IllegalStateException(
        "contract-stubs not found: npm install --save-dev contract-stubs, or set CONTRACT_STUBS to"
            + " the command's path, or STUB_URL to a running stub");
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A stub for the run: one this JVM started, or the one at STUB_URL. */
  private static final class Running implements AutoCloseable {
    final String url;
    private final Process process;

    private Running(String url, Process process) {
      this.url = url.replaceAll("/+$", "");
      this.process = process;
    }

    static Running launch() {
      String running = System.getenv("STUB_URL");
      if (running != null && !running.isEmpty()) {
        return new Running(running, null);
      }
      List<String> command = new ArrayList<>(command());
      command.addAll(List.of("--port", "0", "--quiet", "--stop-with-stdin"));
      Process process;
      try {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new IllegalStateException("contract-stubs did not start: " + e.getMessage(), e);
      }
      Deque<String> output = new ArrayDeque<>();
      CompletableFuture<String> found = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                // Reads to the end, so that the stub never blocks on a full pipe.
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                      output.addLast(line);
                      if (output.size() > 50) {
                        output.removeFirst();
                      }
                    }
                    Matcher banner = BANNER.matcher(line);
                    if (banner.find()) {
                      found.complete(banner.group(1));
                    }
                  }
                } catch (IOException e) {
                  // The stream ends with the process.
                }
                found.complete("");
              },
              "contract-stubs output");
      reader.setDaemon(true);
      reader.start();

      try {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String url = found.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (url.isEmpty()) {
          throw new IllegalStateException("it exited (" + process.waitFor() + ")");
        }
        Running stub = new Running(url, process);
        while (!stub.healthy()) {
          if (!process.isAlive()) {
            throw new IllegalStateException("it exited (" + process.exitValue() + ")");
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("/__stub/health did not answer 200 in time");
          }
          Thread.sleep(50);
        }
        return stub;
      } catch (IllegalStateException
          | ExecutionException
          | TimeoutException
          | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        new Running("", process).close();
        String printed;
        synchronized (output) {
          printed = String.join("\n", output);
        }
        throw new IllegalStateException(
            "contract-stubs did not start: " + e.getMessage() + "\n" + printed, e);
      }
    }

    private boolean healthy() {
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/__stub/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** SIGTERM, as the command documents: requests in flight finish, then it exits. */
    @Override
    public void close() {
      if (process == null) {
        return;
      }
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // Closed already: the process is gone.
      }
    }
  }
}
