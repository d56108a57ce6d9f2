package org.boothwatch.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void trainingSiteIsTrainingOrStartsWithTrainingDash() {
        for (String yes : new String[] {"training", "training-", "training-ward-2", "training-b"}) {
            assertTrue(Ids.isTrainingSite(yes), yes);
        }
        for (String no : new String[] {"trainings", "trainingward", "demo", "skyen", "my-training", "Training", "", null}) {
            assertFalse(Ids.isTrainingSite(no), String.valueOf(no));
        }
    }
}
