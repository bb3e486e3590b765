package io.bluegreen.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluegreen.workflows.model.CopyOptions;
import io.bluegreen.workflows.model.DeploymentRequest;
import io.bluegreen.workflows.model.PlatformSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** copy.rangeThreshold and copy.ranges: their defaults, and the values a request is refused for. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CopyRangeOptionsTest {
  static DeploymentRequest request(CopyOptions copy) {
    return new DeploymentRequest(
        "r",
        new PlatformSpec("m", "itential", "r", 0, "blue"),
        new PlatformSpec("m", "itential_green", "r", 1, "green"),
        null,
        null,
        copy,
        null,
        null,
        null);
  }

  @Test
  void aRequestWithoutThemSplitsCollectionsOfAHundredThousandDocumentsInFour() {
    CopyOptions copy = RequestDefaults.apply(request(null), "x").copy();
    assertEquals(100_000, copy.rangeThreshold());
    assertEquals(4, copy.ranges());
    CopyOptions given =
        RequestDefaults.apply(request(new CopyOptions(100, 2, true, 0, 5000, 8)), "x").copy();
    assertEquals(5000, given.rangeThreshold());
    assertEquals(8, given.ranges());
  }

  @Test
  void outOfRangeValuesAreRefusedWithTheirBounds() {
    assertEquals(
        List.of(), RequestValidation.problems(request(new CopyOptions(100, 2, true, 0, 1, 1))));
    assertEquals(
        List.of(
            "copy.rangeThreshold 0 is out of range: use 1 to 2147483647",
            "copy.ranges 65 is out of range: use 1 to 64"),
        RequestValidation.problems(request(new CopyOptions(100, 2, true, 0, 0, 65))));
    assertEquals(
        List.of("copy.ranges 0 is out of range: use 1 to 64"),
        RequestValidation.problems(request(new CopyOptions(100, 2, true, 0, 10, 0))));
  }
}
