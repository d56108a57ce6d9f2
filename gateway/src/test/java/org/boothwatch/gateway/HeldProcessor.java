package org.boothwatch.gateway;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps a gateway's processor thread busy (as behind a long backlog) until closed. */
final class HeldProcessor implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread holder;

    HeldProcessor(Processor p) {
        holder = new Thread(() -> {
            try {
                p.call(() -> release.await(60, TimeUnit.SECONDS));
            } catch (RuntimeException expected) {
                // call() gives up after 10 s; the processor stays busy until released
            }
        });
        holder.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> holder.getState() == Thread.State.TIMED_WAITING);
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        holder.join(15_000);
    }
}
