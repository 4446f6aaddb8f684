package cn.lianxin.local;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the service processes of the running stack and starts again one that died unexpectedly (ran out of
 * memory, crashed), saying so on the console. A process that exits because it was asked to stop is left alone,
 * and so is one that keeps dying: after {@link Policy#maxRestarts()} restarts in a row, each after a longer
 * pause, it stays down and the console says where its log is.
 */
final class Supervisor implements AutoCloseable {

    /** Exit code of a JVM stopped by SIGINT: Ctrl-C reaches the services along with the launcher, which stops them anyway. */
    static final int INTERRUPTED = 130;

    /**
     * How often and how soon to restart: the n-th restart in a row waits {@code firstDelay * 2^(n-1)}, at most
     * {@code maxDelay}; a process that ran for {@code stableAfter} before dying starts a new row.
     */
    record Policy(int maxRestarts, Duration firstDelay, Duration maxDelay, Duration stableAfter) {

        static final Policy LOCAL = new Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10));

        Duration delayBefore(int restart) {
            Duration delay = firstDelay.multipliedBy(1L << Math.min(restart - 1, 20));
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    private final Policy policy;
    private final Consumer<String> console;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lianxin-local-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    Supervisor(Policy policy, Consumer<String> console) {
        this.policy = policy;
        this.console = console;
    }

    /** Watches {@code process} from now on. */
    void watch(ServiceProcess process) {
        watch(process, 0, Instant.now());
    }

    private void watch(ServiceProcess process, int restartsInARow, Instant started) {
        process.onExit().thenAccept(code -> exited(process, code, restartsInARow, started));
    }

    private void exited(ServiceProcess process, int code, int restartsInARow, Instant started) {
        if (closed || process.stopRequested() || code == INTERRUPTED) {
            return; // the stack is stopping: this exit was asked for
        }
        String module = process.service().module();
        int row = Duration.between(started, Instant.now()).compareTo(policy.stableAfter()) >= 0 ? 0 : restartsInARow;
        if (row >= policy.maxRestarts()) {
            console.accept(module + " exited with code " + code + "; not restarting it after " + row
                    + " restarts in a row (see " + process.log() + ")");
            return;
        }
        int restart = row + 1;
        console.accept(module + " exited with code " + code + "; restarting (" + restart + ")");
        try {
            restarts.schedule(() -> restart(process, restart), policy.delayBefore(restart).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // closed meanwhile: the stack is going down
        }
    }

    private void restart(ServiceProcess process, int restart) {
        if (closed) {
            return;
        }
        try {
            if (process.restart()) {
                watch(process, restart, Instant.now());
            }
        } catch (RuntimeException e) {
            console.accept(process.service().module() + " could not be restarted: " + e.getMessage());
        }
    }

    /** Stops watching: called first when the stack stops, so that no service is started again while it goes down. */
    @Override
    public void close() {
        closed = true;
        restarts.shutdownNow();
    }
}
