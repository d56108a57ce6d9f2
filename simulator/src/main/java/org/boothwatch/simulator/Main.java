package org.boothwatch.simulator;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/** Entry point: exit 0 ok, 1 a scenario expectation failed or the load run saw errors, 2 bad options. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        boolean batch = java.util.Arrays.stream(args).anyMatch(a -> a.startsWith("--scenario") || a.equals("--load"));
        if (batch && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // scenario and load runs print their own report; per-input agent logs would drown it
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("simulator: " + e.getMessage());
            System.err.println("Try 'simulator --help'.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException) {
                System.err.println("simulator: " + e.getMessage());
                System.err.println("Try 'simulator --help'.");
                return 2;
            }
            // start-up failures (a port in use, a broker that refuses us): one clear line, no stack trace
            System.err.println("simulator: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        });
        return cli.execute(args);
    }

    /** Version from the jar manifest. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"boothwatch simulator " + (v == null ? "(development)" : v)};
        }
    }
}
