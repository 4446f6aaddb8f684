package cn.lianxin.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.Test;

class TransactionMemoTest {

    private final FakeTransactions transactions = new FakeTransactions();
    private final TransactionMemo<String, String> memo = new TransactionMemo<>(transactions);
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        return key + "#" + loads.incrementAndGet();
    }

    @Test
    void asksOncePerTransaction() {
        transactions.begin();
        assertThat(memo.get("a", this::load)).isEqualTo("a#1");
        assertThat(memo.get("a", this::load)).isEqualTo("a#1");
        assertThat(memo.get("b", this::load)).isEqualTo("b#2");

        transactions.begin();
        assertThat(memo.get("a", this::load)).as("a new transaction asks again").isEqualTo("a#3");
    }

    @Test
    void asksAgainAfterTheOwnerWrote() {
        transactions.begin();
        memo.get("a", this::load);
        memo.forget();
        assertThat(memo.get("a", this::load)).isEqualTo("a#2");
    }

    @Test
    void remembersNothingOutsideATransaction() {
        assertThat(memo.get("a", this::load)).isEqualTo("a#1");
        assertThat(memo.get("a", this::load)).isEqualTo("a#2");
        memo.forget(); // nothing to forget, no failure
    }

    @Test
    void remembersThatSomethingIsAbsent() {
        transactions.begin();
        assertThat(memo.get("a", key -> {
            loads.incrementAndGet();
            return null;
        })).isNull();
        assertThat(memo.get("a", this::load)).isNull();
        assertThat(loads).hasValue(1);
    }

    @Test
    void preloadsWhatIsNotRememberedInOneCall() {
        List<Set<String>> asked = new ArrayList<>();
        transactions.begin();
        memo.get("a", this::load);
        memo.preload(List.of("a", "b", "c", "b"), keys -> {
            asked.add(Set.copyOf(keys));
            Map<String, String> answer = new HashMap<>();
            keys.forEach(key -> answer.put(key, key + "@set"));
            answer.put("z", "not asked for");
            return answer;
        });
        assertThat(asked).containsExactly(Set.of("b", "c"));
        assertThat(memo.get("a", this::load)).as("remembered before").isEqualTo("a#1");
        assertThat(memo.get("b", this::load)).isEqualTo("b@set");
        assertThat(memo.get("c", this::load)).isEqualTo("c@set");
        assertThat(memo.get("z", this::load)).as("only what was asked for is remembered").isEqualTo("z#2");

        memo.preload(List.of("a", "b"), keys -> {
            asked.add(Set.copyOf(keys));
            return Map.of();
        });
        assertThat(asked).as("nothing left to read: no call").hasSize(1);
    }

    @Test
    void aKeyThePreloadLeavesOutIsLoadedAlone() {
        transactions.begin();
        memo.preload(List.of("a"), keys -> Map.of());
        assertThat(memo.get("a", this::load)).isEqualTo("a#1");
    }

    @Test
    void preloadsNothingOutsideATransaction() {
        memo.preload(List.of("a"), keys -> {
            throw new AssertionError("read outside a transaction");
        });
        assertThat(memo.get("a", this::load)).isEqualTo("a#1");
    }

    /** One transaction at a time, its resources dropped when the next begins. */
    private static final class FakeTransactions implements TransactionSynchronizationRegistry {

        private Object key;
        private Map<Object, Object> resources = new HashMap<>();

        void begin() {
            key = new Object();
            resources = new HashMap<>();
        }

        @Override
        public Object getTransactionKey() {
            return key;
        }

        @Override
        public void putResource(Object resourceKey, Object value) {
            resources.put(resourceKey, value);
        }

        @Override
        public Object getResource(Object resourceKey) {
            return resources.get(resourceKey);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
        }

        @Override
        public int getTransactionStatus() {
            return 0;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
