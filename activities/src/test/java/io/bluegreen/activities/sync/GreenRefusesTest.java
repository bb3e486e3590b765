package io.bluegreen.activities.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.bluegreen.workflows.activities.SyncCollectionResult;
import io.bluegreen.workflows.activities.SyncConflict;
import io.bluegreen.workflows.activities.SyncResult;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Green's new release added a unique index Blue does not have; Blue then gives two documents the
 * same value. Green refuses the second: a listed conflict with the server's code and no document
 * values, pass after pass, never a failed sync (it used to fail the activity for good, and the
 * deployment with it).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GreenRefusesTest extends SyncTestBase {
  @Test
  void aUniqueIndexOfGreensNewReleaseMakesAListedConflict() {
    greenWf()
        .createIndex(
            new Document("owner", 1),
            new IndexOptions().unique(true).sparse(true).name("owner_unique"));
    blueWf().updateOne(Filters.eq("name", "workflow-10"), Updates.set("owner", "alice-private"));
    blueWf().updateOne(Filters.eq("name", "workflow-11"), Updates.set("owner", "alice-private"));

    for (int pass = 1; pass <= 2; pass++) {
      SyncResult r = full();
      SyncCollectionResult wf = of(r, "workflows");
      assertEquals(1, wf.conflicts(), "pass " + pass + ": " + wf);
      assertEquals(pass == 1 ? 1 : 0, wf.updated(), "pass " + pass + ": " + wf);
      SyncConflict c = r.conflictSamples().get(0);
      assertEquals("workflows", c.collection());
      assertEquals(SyncConflict.UPDATED, c.blueChange());
      assertTrue(c.greenChange().startsWith("refused by Green (code 11000)"), c.greenChange());
      assertFalse(c.greenChange().contains("alice"), "no document values: " + c.greenChange());
    }
    assertEquals(1, greenWf().countDocuments(Filters.eq("owner", "alice-private")));
    assertEquals(WORKFLOWS, greenWf().countDocuments());
  }
}
