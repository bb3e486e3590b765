package io.bluegreen.starter.commands;

import io.bluegreen.starter.CliEncryption;
import io.bluegreen.starter.CliException;
import io.bluegreen.worker.EncryptionSection;
import io.bluegreen.worker.WorkerConfigException;
import io.bluegreen.worker.encryption.CodecHttpServer;
import io.bluegreen.worker.encryption.EncryptionSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "codec-server",
    description =
        "Serve the Temporal UI's remote codec endpoint (/encode, /decode) with the worker's payload keys, until Ctrl-C.")
public final class CodecServerCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "8888",
      description = "Port to listen on. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on; the browser running the UI must reach it. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--origin",
      paramLabel = "URL",
      description =
          "The Temporal UI's origin allowed to call from a browser (CORS); repeatable. Default: http://localhost:8233 and http://127.0.0.1:8233.")
  List<String> origins;

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      description =
          "On a loopback --host, a further name accepted as the Host header (a local proxy that passes its public name on);"
              + " repeatable. localhost, 127.0.0.1, ::1 and --host always are; any other Host gets 421 (DNS rebinding).")
  List<String> allowedHosts;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Worker configuration with the encryption section (default: the global --worker-config, else $BLUEGREEN_WORKER_CONFIG, else ./bluegreen-worker.json).")
  Path config;

  @Override
  public Integer call() throws Exception {
    Path file = config != null ? config : CliEncryption.workerConfigFile();
    if (file == null) {
      throw CliException.usage(
          "no worker configuration: pass --config FILE or set BLUEGREEN_WORKER_CONFIG");
    }
    EncryptionSettings settings;
    try {
      settings =
          EncryptionSection.fromFile(file, System::getenv)
              .orElseThrow(
                  () ->
                      CliException.usage(
                          file
                              + " has no encryption section: the worker's payloads are plain JSON and need no codec server"));
    } catch (WorkerConfigException e) {
      throw CliException.usage(e.getMessage());
    }
    refuseOpenListener(host, settings.codecServerToken());
    Set<String> allowed = origins(origins);
    CodecHttpServer server;
    try {
      server =
          CodecHttpServer.start(
              host,
              port,
              allowed,
              settings.codecServerToken(),
              allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts),
              settings.codec());
    } catch (IOException e) {
      throw new CliException(
          "cannot listen on "
              + host
              + ":"
              + port
              + ": "
              + e.getMessage()
              + " (choose another --port)",
          e);
    }
    System.out.println(
        "codec server on http://"
            + host
            + ":"
            + server.port()
            + " for "
            + allowed
            + ", key ids "
            + settings.keys().keyIds()
            + ", bearer token "
            + (settings.codecServerToken() == null ? "not required" : "required"));
    System.out.println(
        "  Temporal UI: Codec Server settings -> endpoint http://"
            + host
            + ":"
            + server.port()
            + (settings.codecServerToken() == null
                ? ""
                : " (through a proxy that adds the bearer token: the UI sends only its login's token)"));
    System.out.println(
        "  temporal CLI: --codec-endpoint http://"
            + host
            + ":"
            + server.port()
            + (settings.codecServerToken() == null ? "" : " --codec-auth 'Bearer ...'"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "bluegreen-codec-server-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * Whoever reaches the port can decrypt any history of the namespace: not without a token beyond
   * this machine.
   */
  static void refuseOpenListener(String host, String bearerToken) {
    if (bearerToken == null && !loopback(host)) {
      throw CliException.usage(
          "--host "
              + host
              + " is reachable from other machines and encryption.codecServer.bearerToken is not set:"
              + " anyone who reaches the port could decrypt history; set the token, or listen on 127.0.0.1 behind a proxy");
    }
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw CliException.usage("--host " + host + " is not an address of this machine");
    }
  }

  /** Browsers send the origin as scheme://host[:port], never with a path or trailing slash. */
  static Set<String> origins(List<String> given) {
    if (given == null || given.isEmpty()) {
      return Set.of("http://localhost:8233", "http://127.0.0.1:8233");
    }
    Set<String> out = new LinkedHashSet<>();
    for (String o : given) {
      String trimmed = o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(
            "--origin '"
                + o
                + "' is not a URL; give the UI's origin, e.g. https://temporal-ui.example.com");
      }
      if (uri.getScheme() == null
          || uri.getHost() == null
          || !(uri.getPath() == null || uri.getPath().isEmpty())
          || uri.getQuery() != null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw CliException.usage(
            "--origin '"
                + o
                + "' must be scheme://host[:port] without a path, e.g. https://temporal-ui.example.com");
      }
      out.add(trimmed);
    }
    return out;
  }
}
