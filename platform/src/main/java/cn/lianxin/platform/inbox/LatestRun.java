package cn.lianxin.platform.inbox;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import cn.lianxin.platform.events.IncomingEvent;

/**
 * A {@link SetHandler} for a projection whose events each overwrite the whole row unless the row is newer (an upsert
 * guarded by {@code updated_at <= } the event's time), e.g. MemberRegistered, which a roster import announces by the
 * thousand: a run keeps, per key, what applying its events one by one would leave — the latest event, and of two at the
 * same time the one after — and writes them in one statement, where the guard settles each against the stored row.
 *
 * @param <K> what a row is keyed by (a member id)
 * @param <V> what an event writes, with its time
 */
public final class LatestRun<K, V> implements SetHandler<Map<K, V>> {

    private final Function<IncomingEvent, V> read;
    private final Function<V, K> key;
    private final Function<V, Instant> time;
    private final Consumer<Collection<V>> write;

    /**
     * @param read  what an event writes (throws as a handler does for an event it cannot apply)
     * @param key   the row it writes
     * @param time  the time it carries (the event's)
     * @param write writes a run's values, at most one per key, in one statement
     */
    public LatestRun(Function<IncomingEvent, V> read, Function<V, K> key, Function<V, Instant> time,
            Consumer<Collection<V>> write) {
        this.read = read;
        this.key = key;
        this.time = time;
        this.write = write;
    }

    @Override
    public Map<K, V> lookUp(List<IncomingEvent> events) {
        return new LinkedHashMap<>(); // nothing to read first: the write's guard compares with the stored row
    }

    @Override
    public void apply(IncomingEvent event, Map<K, V> run) {
        V value = read.apply(event);
        run.merge(key.apply(value), value, this::later);
    }

    @Override
    public void complete(Map<K, V> run) {
        write.accept(run.values());
    }

    /** Of two values for one key, the one applying them in order would leave. */
    V later(V kept, V next) {
        return time.apply(next).isBefore(time.apply(kept)) ? kept : next;
    }
}
