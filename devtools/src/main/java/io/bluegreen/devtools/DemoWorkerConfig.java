package io.bluegreen.devtools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.starter.CliException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's worker configuration: the local stack's connections named {@code local}, and the two
 * simulated Itential APIs as {@code demo-blue} and {@code demo-green}, logging in with {@code POST
 * /login} as {@link #USER} and the password the worker reads from {@link #PASSWORD_ENV}, as a
 * production configuration keeps credentials in the worker's environment.
 */
public final class DemoWorkerConfig {
  public static final String USER = "admin@itential";
  public static final String PASSWORD_ENV = "BLUEGREEN_DEMO_API_PASSWORD";
  public static final String BLUE_API = "demo-blue";
  public static final String GREEN_API = "demo-green";

  private DemoWorkerConfig() {}

  public static Path write(Path file, String mongoUri, String redisUri, URI blueApi, URI greenApi) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mongo", Map.of("local", Map.of("uri", mongoUri)));
    root.put("redis", Map.of("local", Map.of("uri", redisUri)));
    Map<String, Object> api = new LinkedHashMap<>();
    api.put(BLUE_API, login(blueApi));
    api.put(GREEN_API, login(greenApi));
    root.put("api", api);
    // The demo's request names no health check or webhook URL; an allowlist of its own APIs keeps
    // the worker from warning that any URL is allowed, as a production configuration would.
    root.put("http", Map.of("allowedUrls", List.of(blueApi.toString(), greenApi.toString())));
    try {
      Files.createDirectories(file.getParent());
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new CliException(
          "cannot write the demo's worker configuration " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static Map<String, Object> login(URI url) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", url.toString());
    m.put("user", USER);
    m.put("password", "${" + PASSWORD_ENV + "}");
    return m;
  }
}
