package org.boothwatch.simulator;

import java.util.concurrent.CountDownLatch;
import org.boothwatch.simulator.web.ControlPage;

/** Booths driven from the control page until Ctrl-C. */
final class InteractiveMode {
    private final Launcher l;
    private final SimulatorOptions o;

    InteractiveMode(Launcher l, SimulatorOptions o) {
        this.l = l;
        this.o = o;
    }

    int run() throws InterruptedException {
        String display = l.inProcess != null ? "http://localhost:" + l.inProcess.httpPort() + "/" : l.gateway.base().toString();
        ControlPage page = o.controlPort() < 0 ? null : ControlPage.start("0.0.0.0", o.controlPort(), l.booths,
                new ControlPage.Info(o.site(), o.training(), display, o.speed()));
        System.out.println();
        System.out.println("  boothwatch simulator: " + l.booths.size() + " booths on site '" + o.site() + "'"
                + (o.training() ? " (TRAINING SITE)" : ""));
        System.out.println("  wall display:  " + display);
        if (page != null) System.out.println("  control page:  http://localhost:" + page.port() + "/");
        if (l.inProcess != null) System.out.println("  MQTT broker:   " + l.inProcess.brokerUri());
        System.out.println("  Ctrl-C stops everything.");
        System.out.println();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (page != null) page.close();
            forever.countDown();
        }, "control-page-shutdown"));
        forever.await();
        return 0;
    }
}
