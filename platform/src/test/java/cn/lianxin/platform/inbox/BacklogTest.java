package cn.lianxin.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Backlog}: the batches delivered while one is applied are applied together, in order, next; a full backlog
 * holds the next delivery back; a stopping service leaves what arrives for redelivery; a failure stops the topic.
 * A batch here is its number of records.
 */
class BacklogTest {

    private static final long WAIT_SECONDS = 10;

    /** What the applier was handed, call by call. */
    private final BlockingQueue<List<Integer>> applied = new LinkedBlockingQueue<>();
    /** Released by a test to let the first call to the applier return. */
    private final CountDownLatch firstMayFinish = new CountDownLatch(1);
    private Backlog<Integer> backlog;

    @AfterEach
    void stop() {
        firstMayFinish.countDown();
        if (backlog != null) {
            backlog.stop();
        }
    }

    @Test
    void appliesEveryBatchThatArrivedWhileOneWasAppliedTogetherAndInOrder() throws Exception {
        backlog = new Backlog<>("contact.events", 500, Integer::intValue, holdingTheFirst(batches -> { }));

        backlog.offer(1);
        assertThat(next()).containsExactly(1);
        backlog.offer(2);
        backlog.offer(3);
        backlog.offer(4);
        firstMayFinish.countDown();

        assertThat(next()).containsExactly(2, 3, 4);
        backlog.offer(5);
        assertThat(next()).containsExactly(5);
    }

    @Test
    void holdsTheDeliveryThatFillsTheBacklogUntilTheWaitingBatchesAreTaken() throws Exception {
        backlog = new Backlog<>("contact.events", 10, Integer::intValue, holdingTheFirst(batches -> { }));
        backlog.offer(1);
        assertThat(next()).containsExactly(1);

        CompletableFuture<Void> roomLeft = backlog.offer(6).toCompletableFuture();
        CompletableFuture<Void> full = backlog.offer(4).toCompletableFuture();

        assertThat(roomLeft).isCompleted();
        assertThat(full).as("10 records wait: the connector must wait too").isNotDone();
        firstMayFinish.countDown();
        full.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(next()).containsExactly(6, 4);
        assertThat(backlog.offer(3).toCompletableFuture()).isCompleted();
    }

    @Test
    void leavesWhatArrivesOnceTheServiceIsStoppingForRedelivery() throws Exception {
        backlog = new Backlog<>("contact.events", 500, Integer::intValue, applied::add);

        backlog.stop();

        assertThat(backlog.offer(7).toCompletableFuture()).isCompleted();
        assertThat(applied.poll(200, TimeUnit.MILLISECONDS)).as("applied after the stop").isNull();
    }

    @Test
    void stopsTheTopicWhenApplyingFailsInAWayTheConsumerDoesNotHandle() throws Exception {
        backlog = new Backlog<>("contact.events", 500, Integer::intValue, holdingTheFirst(batches -> {
            throw new IllegalStateException("the acknowledgement failed");
        }));
        backlog.offer(1);
        assertThat(next()).containsExactly(1);
        backlog.offer(2);
        firstMayFinish.countDown();

        assertThatThrownBy(() -> waitForFailure(backlog)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(applied).as("nothing applied after the failure").isEmpty();
    }

    /** An applier that notes each call, holds the first one until released, then does what {@code then} does. */
    private Consumer<List<Integer>> holdingTheFirst(Consumer<List<Integer>> then) {
        return batches -> {
            boolean first = applied.isEmpty() && firstMayFinish.getCount() > 0;
            applied.add(batches);
            if (first) {
                try {
                    assertThat(firstMayFinish.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            then.accept(batches);
        };
    }

    private List<Integer> next() throws InterruptedException {
        List<Integer> batches = applied.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(batches).as("the applier was called").isNotNull();
        return batches;
    }

    /** Offers until a delivery fails (the first failure may still be under way), within the wait. */
    private static void waitForFailure(Backlog<Integer> backlog) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < until) {
            CompletableFuture<Void> delivery = backlog.offer(1).toCompletableFuture();
            if (delivery.isCompletedExceptionally()) {
                delivery.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no delivery failed within " + WAIT_SECONDS + " s");
    }
}
