package org.boothwatch.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.boothwatch.contract.Ids;

/**
 * Validated options. {@code broker} and {@code gatewayUrl} are both null for the self-contained mode;
 * {@code controlPort} -1 means no control page.
 */
public record SimulatorOptions(
        Integer booths, URI broker, URI gatewayUrl, Path scenario, double speed, boolean load, Duration duration,
        Long seed, int controlPort, int gatewayPort, String site, boolean training, String username,
        String password, Path tlsCa, String staffToken, Path dataDir) {

    /** A training site: the contract's one rule, {@link Ids#isTrainingSite} ({@code training} or {@code training-…}). */
    public static boolean isTraining(String site) {
        return Ids.isTrainingSite(site);
    }

    public boolean selfContained() {
        return broker == null;
    }
}
