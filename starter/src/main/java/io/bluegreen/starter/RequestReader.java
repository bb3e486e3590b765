package io.bluegreen.starter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bluegreen.workflows.UnknownFields;
import io.bluegreen.workflows.UrlTokens;
import io.bluegreen.workflows.model.DeploymentRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a deployment request file and refuses anything the workflow would not understand, before a
 * workflow is started: a typo in a field name must not silently fall back to a default.
 */
public final class RequestReader {
  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .findAndRegisterModules()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private RequestReader() {}

  public static DeploymentRequest read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw CliException.usage("request file not found: " + file);
    } catch (IOException e) {
      throw CliException.usage("cannot read request file " + file + ": " + e.getMessage());
    }
    return parse(text, file.getFileName().toString());
  }

  /** Parses and validates; {@code source} names the file in messages. */
  public static DeploymentRequest parse(String json, String source) {
    DeploymentRequest request;
    try {
      request = STRICT.readValue(json, DeploymentRequest.class);
    } catch (JsonMappingException e) {
      String path = dotted(e.getPath());
      throw CliException.usage(
          "invalid request "
              + source
              + (path.isEmpty() ? "" : " at '" + path + "'")
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (JsonProcessingException e) {
      throw CliException.usage(
          source
              + " is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "): "
              + e.getOriginalMessage());
    }
    if (request == null) {
      throw CliException.usage(
          source + " is empty: it must hold one JSON object with 'blue' and 'green'");
    }
    List<String> problems = new ArrayList<>();
    for (UnknownFields.UnknownField field : UnknownFields.find(request)) {
      problems.add(field.describe(" in " + source));
    }
    if (request.blue() == null) {
      problems.add(missing("blue", source, "itential", 0, "blue"));
    } else if (request.blue().database() == null || request.blue().database().isBlank()) {
      problems.add(
          "'blue.database' is required in "
              + source
              + ": the name of Blue's MongoDB logical database");
    }
    if (request.green() == null) {
      problems.add(missing("green", source, "itential_green", 1, "green"));
    }
    // Refused here too, so a token never reaches the workflow's history.
    if (request.blue() != null && request.blue().health() != null) {
      problems.add(UrlTokens.problem("blue.health.url", request.blue().health().url()));
    }
    if (request.green() != null && request.green().health() != null) {
      problems.add(UrlTokens.problem("green.health.url", request.green().health().url()));
    }
    if (request.cutover() != null && request.cutover().webhook() != null) {
      problems.add(UrlTokens.problem("cutover.webhook.url", request.cutover().webhook().url()));
    }
    problems.removeIf(Objects::isNull);
    if (!problems.isEmpty()) {
      throw CliException.usage(String.join(System.lineSeparator(), problems));
    }
    return request;
  }

  private static String missing(
      String colour, String source, String db, int redisDb, String profile) {
    return "'"
        + colour
        + "' is required in "
        + source
        + ", e.g. \""
        + colour
        + "\": {\"mongo\": \"local\", \"database\": \""
        + db
        + "\", \"redis\": \"local\", \"redisDb\": "
        + redisDb
        + ", \"profile\": \""
        + profile
        + "\"}";
  }

  private static String dotted(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
