package cn.lianxin.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

class OptimisticLockTest {

    @Test
    void aLostOptimisticLockIsRecognisedHoweverTheTransactionWrappedIt() {
        assertThat(ProblemMappers.lostOptimisticLock(new jakarta.persistence.OptimisticLockException("stale"))).isTrue();
        assertThat(ProblemMappers.lostOptimisticLock(new RuntimeException("commit failed",
                new jakarta.transaction.RollbackException("rolled back")))).isFalse();
        RuntimeException atCommit = new RuntimeException("commit failed",
                new jakarta.persistence.OptimisticLockException(new StaleObjectStateException("Member", "m1")));
        assertThat(ProblemMappers.lostOptimisticLock(atCommit)).isTrue();
        assertThat(ProblemMappers.lostOptimisticLock(new IllegalStateException(new StaleObjectStateException("Org", "o1"))))
                .isTrue();
        assertThat(ProblemMappers.lostOptimisticLock(new IllegalStateException("something else"))).isFalse();
    }
}
