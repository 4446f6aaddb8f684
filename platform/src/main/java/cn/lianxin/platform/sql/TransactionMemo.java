package cn.lianxin.platform.sql;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Look-ups remembered until the current transaction ends: a consumer applying a batch of events in one transaction
 * asks for the same member or org many times (routing one notification reads the member three times), and each answer
 * would otherwise be a round trip. The owner calls {@link #forget} whenever it writes what it remembers, so a
 * transaction always reads its own writes; a row another transaction changes meanwhile is seen as it was when first
 * read here, for the rest of this transaction only (a batch lasts a second or so). Outside a transaction nothing is
 * remembered.
 */
public final class TransactionMemo<K, V> {

    private final TransactionSynchronizationRegistry transactions;
    private final Object resource = new Object(); // this memo's key among the transaction's resources

    public TransactionMemo(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** What {@code load} answers for {@code key}, asked once per transaction. */
    public V get(K key, Function<K, V> load) {
        if (transactions.getTransactionKey() == null) {
            return load.apply(key);
        }
        Map<K, V> memo = memo();
        if (memo.containsKey(key)) {
            return memo.get(key);
        }
        V value = load.apply(key);
        memo.put(key, value);
        return value;
    }

    /**
     * Remembers, read in one call of {@code loadAll}, each of {@code keys} not remembered yet: a run of events asks for
     * many members, each once, and one set-based query beats a round trip each. {@code loadAll} answers every key it
     * is given (an absent row as its "absent" value, e.g. {@code Optional.empty()}); a key it leaves out is not
     * remembered and {@link #get} loads it alone. Outside a transaction nothing is read.
     */
    public void preload(Collection<K> keys, Function<Set<K>, Map<K, V>> loadAll) {
        if (transactions.getTransactionKey() == null) {
            return;
        }
        Map<K, V> memo = memo();
        Set<K> missing = new LinkedHashSet<>();
        keys.stream().filter(key -> !memo.containsKey(key)).forEach(missing::add);
        if (!missing.isEmpty()) {
            loadAll.apply(missing).forEach((key, value) -> {
                if (missing.contains(key)) {
                    memo.put(key, value);
                }
            });
        }
    }

    /** Drops what this transaction remembered: the owner has just written. */
    public void forget() {
        if (transactions.getTransactionKey() != null) {
            transactions.putResource(resource, new HashMap<K, V>());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> memo() {
        Map<K, V> memo = (Map<K, V>) transactions.getResource(resource);
        if (memo == null) {
            memo = new HashMap<>();
            transactions.putResource(resource, memo);
        }
        return memo;
    }
}
