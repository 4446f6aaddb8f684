package cn.lianxin.platform.sql;

import java.util.HashMap;
import java.util.Map;
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
