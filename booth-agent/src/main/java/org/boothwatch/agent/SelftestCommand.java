package org.boothwatch.agent;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code booth-agent selftest --config FILE}: reserved. The guided technician walk through each input and
 * output is not implemented yet; the command says so and exits 1 rather than pretending to pass.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Walk a technician through each input and output (NOT IMPLEMENTED YET).")
final class SelftestCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "booth properties file")
    Path config;

    @Override
    public Integer call() {
        System.err.println("booth-agent selftest: not implemented yet. Use the TEST command from the gateway "
                + "(it publishes TEST_RESULT with every input level and fault, and pulses lamp and buzzer).");
        return 1;
    }
}
