package org.boothwatch.simulator.time;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduler whose delays are virtual time: at speed X a task scheduled in 3 s runs after 3/X real
 * seconds. Agents get this together with the matching {@link org.boothwatch.contract.ScaledTimeSource},
 * so their ticks and heartbeats keep pace with the virtual clock without knowing about it.
 */
public final class ScaledScheduler implements ScheduledExecutorService {
    private final ScheduledExecutorService real;
    private final double speed;

    public ScaledScheduler(double speed, int threads, String name) {
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0, got " + speed);
        this.speed = speed;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(threads, f);
        e.setRemoveOnCancelPolicy(true);
        this.real = e;
    }

    public double speed() {
        return speed;
    }

    /** Real nanoseconds for a virtual delay (at least 1 ns for positive delays, so order is kept). */
    long scale(long delay, TimeUnit unit) {
        long nanos = unit.toNanos(delay);
        if (nanos <= 0) return nanos;
        return Math.max(1, (long) (nanos / speed));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return real.schedule(command, scale(delay, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return real.schedule(callable, scale(delay, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return real.scheduleAtFixedRate(command, scale(initialDelay, unit), scale(period, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return real.scheduleWithFixedDelay(command, scale(initialDelay, unit), scale(delay, unit), TimeUnit.NANOSECONDS);
    }

    @Override public void shutdown() { real.shutdown(); }
    @Override public List<Runnable> shutdownNow() { return real.shutdownNow(); }
    @Override public boolean isShutdown() { return real.isShutdown(); }
    @Override public boolean isTerminated() { return real.isTerminated(); }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return real.awaitTermination(timeout, unit); // a real wait: it is about threads, not the clock
    }

    @Override public <T> Future<T> submit(Callable<T> task) { return real.submit(task); }
    @Override public <T> Future<T> submit(Runnable task, T result) { return real.submit(task, result); }
    @Override public Future<?> submit(Runnable task) { return real.submit(task); }
    @Override public void execute(Runnable command) { real.execute(command); }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return real.invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return real.invokeAll(tasks, scale(timeout, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return real.invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return real.invokeAny(tasks, scale(timeout, unit), TimeUnit.NANOSECONDS);
    }
}
