package cn.lianxin.platform.inbox;

import java.util.List;

import cn.lianxin.platform.events.IncomingEvent;

/**
 * Applies a run of events of one type from one batch together ({@link EventConsumer}): what they all need is read
 * first, in a few set-based queries, then each event is applied on its own, under its own span, with what was read.
 * {@code apply} should only write (persist entities, append to the outbox): the consumer appends a run's events to the
 * outbox in one statement and lets Hibernate batch the inserts, so a run of hundreds of events costs a handful of
 * round trips instead of several per event. A run of one (the record-by-record path after a failed batch) goes
 * through the same two steps: the rule has one definition.
 *
 * @param <K> what {@code lookUp} read, handed to every {@code apply} of the run; {@code apply} keeps it up to date
 *            when an event changes what the next one would have read (two events of one member in one run)
 */
public interface SetHandler<K> {

    /** Reads what {@code events} need, in set-based queries; writes nothing. */
    K lookUp(List<IncomingEvent> events);

    /** Applies one event of the run, with what {@link #lookUp} read for the run. */
    void apply(IncomingEvent event, K known);

    /**
     * Called once after the run's last {@code apply}, in the same transaction: writes what the applies collected in
     * {@code known}, in set-based statements. Nothing by default (the applies wrote).
     */
    default void complete(K known) {
    }
}
