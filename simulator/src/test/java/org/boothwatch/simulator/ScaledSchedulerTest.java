package org.boothwatch.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.boothwatch.simulator.time.ScaledScheduler;
import org.junit.jupiter.api.Test;

class ScaledSchedulerTest {
    @Test
    void virtualDelaysRunSpeedTimesFaster() {
        ScaledScheduler s = new ScaledScheduler(1000, 1, "test");
        try {
            AtomicInteger ticks = new AtomicInteger();
            long start = System.nanoTime();
            // 1 virtual second per tick at 1000x: 20 ticks need about 20 ms of real time
            ScheduledFuture<?> f = s.scheduleAtFixedRate(ticks::incrementAndGet, 1, 1, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> ticks.get() >= 20);
            f.cancel(false);
            long realMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(realMs < 2_000, "20 virtual seconds took " + realMs + " ms of real time at 1000x");
        } finally {
            s.shutdownNow();
        }
    }
}
