package cn.lianxin.platform.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.jboss.logging.Logger;

/**
 * The batches of one topic that the connector has delivered and {@link EventConsumer} has not applied yet, and the one
 * thread that applies them: each time it is free, it takes <b>every</b> batch waiting and applies them together.
 *
 * <p>Why not one batch at a time, as the connector hands them over: the connector polls the next batch as soon as
 * the current one is handed over, then pauses its partitions until that one is taken. A record arriving meanwhile
 * stays on the broker until the batch being applied is done, then waits for the whole of the batch polled before it:
 * two batches' time before its own is applied. Here the connector keeps polling while a batch is applied (each poll
 * adds its few records to the backlog at once), and the next transaction takes them all: a record waits for the batch
 * being applied when it arrives, then is applied with everything that came with it. (Measured on the chain of
 * {@code ContactMissed} reminders at 500 a second: the median from send to stored notification halved.)
 *
 * <p>Bounded: while {@code limit} records (one poll's {@code max.poll.records}) or more are waiting, the next delivery
 * waits until the thread takes them, so the connector pauses the topic's partitions, as it always did when a consumer
 * falls behind, and a backlog on the broker is still applied a full poll at a time. Order holds: the connector hands a
 * topic's batches over one after the other, and they are applied in that order.
 *
 * @param <B> a batch
 */
final class Backlog<B> {

    private static final Logger LOG = Logger.getLogger(Backlog.class);
    /** What a delivery that leaves room gets: a completed stage that no caller can complete otherwise. */
    private static final CompletionStage<Void> ROOM_LEFT = CompletableFuture.completedStage(null);

    private final String topic;
    private final int limit;
    private final ToIntFunction<B> size;
    private final Consumer<List<B>> applier;
    private final ExecutorService thread;
    private final List<B> waiting = new ArrayList<>();
    private int waitingRecords;
    private boolean draining;
    /** Completes once the thread takes what is waiting: a delivery that found the backlog full waits for it. */
    private CompletableFuture<Void> taken = CompletableFuture.completedFuture(null);
    private Throwable broken;

    /**
     * @param size    a batch's number of records
     * @param applier applies and acknowledges the batches handed to it, in order (called by one thread); what it
     *                throws stops the backlog ({@link #fail})
     */
    Backlog(String topic, int limit, ToIntFunction<B> size, Consumer<List<B>> applier) {
        this.topic = topic;
        this.limit = limit;
        this.size = size;
        this.applier = applier;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread applying = new Thread(runnable, "lianxin-consumer-" + topic);
            applying.setDaemon(true);
            return applying;
        });
    }

    /**
     * Adds {@code batch} to the backlog; once the service is stopping, leaves it for redelivery instead.
     *
     * @return completes at once while fewer than {@code limit} records wait, else once they are taken; failed once
     *         applying has failed for good (the channel reports it)
     */
    synchronized CompletionStage<Void> offer(B batch) {
        if (broken != null) {
            return CompletableFuture.failedFuture(broken);
        }
        if (!draining) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                LOG.infof("%d records of %s left for redelivery: the service is stopping", size.applyAsInt(batch), topic);
                return ROOM_LEFT;
            }
            draining = true;
        }
        waiting.add(batch);
        waitingRecords += size.applyAsInt(batch);
        if (waitingRecords < limit) {
            return ROOM_LEFT;
        }
        if (taken.isDone()) {
            taken = new CompletableFuture<>();
        }
        return taken;
    }

    /** No batch is taken after this; the one being applied is finished (or left for redelivery if it cannot be). */
    void stop() {
        thread.shutdown();
    }

    /**
     * Applying failed in a way the consumer does not handle (an acknowledgement or a dead-lettering failed): nothing
     * more is applied, and every later delivery fails, the channel with it, as a failed batch always failed it.
     */
    synchronized void fail(Throwable failure) {
        if (broken == null) {
            LOG.errorf("applying %s failed (%s): consumption of the topic stops", topic, failure.getClass().getName());
            broken = failure;
        }
        waiting.clear();
        waitingRecords = 0;
        taken.completeExceptionally(failure);
    }

    private void drain() {
        for (;;) {
            List<B> batches;
            CompletableFuture<Void> room;
            synchronized (this) {
                if (waiting.isEmpty() || broken != null) {
                    draining = false;
                    return;
                }
                batches = new ArrayList<>(waiting);
                waiting.clear();
                waitingRecords = 0;
                room = taken;
            }
            room.complete(null);
            try {
                applier.accept(batches);
            } catch (RuntimeException | Error failure) {
                fail(failure);
            }
        }
    }
}
