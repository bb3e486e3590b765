package io.bluegreen.activities.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kinds of collections, told apart from what {@code listCollections} says, on their own. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CollectionKindTest {
  @Test
  void viewsAndTimeSeriesAreToldApartFromCollections() {
    Document pipeline = new Document("$match", new Document("a", 1));
    CollectionKind view =
        CollectionKind.of(
            new Document("name", "v")
                .append("type", "view")
                .append(
                    "options", new Document("viewOn", "c").append("pipeline", List.of(pipeline))));
    assertEquals(CollectionKind.Type.VIEW, view.type());
    assertEquals(
        new Document("create", "v").append("viewOn", "c").append("pipeline", List.of(pipeline)),
        view.viewCreate());
    assertEquals(
        CollectionKind.Type.TIMESERIES,
        CollectionKind.of(
                new Document("name", "t")
                    .append("type", "timeseries")
                    .append("options", new Document("timeseries", new Document("timeField", "ts"))))
            .type());
    assertEquals(
        CollectionKind.Type.COLLECTION,
        CollectionKind.of(new Document("name", "c").append("type", "collection")).type());
  }
}
