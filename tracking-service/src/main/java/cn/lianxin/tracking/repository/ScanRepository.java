package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.time.Period;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import cn.lianxin.platform.outbox.EventRows;
import cn.lianxin.tracking.domain.ClockRule;

/**
 * The scan's statements ({@link ScanStatements}) for one slice of the members, run in the caller's transaction: one
 * pass ({@link #advance}) moves every clock that fell due to its next stage and keeps what it announced, then each
 * step writes the events of one rule and level from what the pass kept, in one statement.
 */
@ApplicationScoped
public class ScanRepository {

    /** The scan's steps, in the order a slice runs them. */
    public enum Step {
        REMINDER(ScanStatements.REMINDER),
        ESCALATION(ScanStatements.ESCALATION),
        UNCONTROLLED(ScanStatements.UNCONTROLLED),
        LOST(ScanStatements.LOST),
        SELF_WITHDRAWAL(ScanStatements.SELF_WITHDRAWAL),
        DUES_ARREARS(ScanStatements.DUES_ARREARS);

        private final String sql;

        Step(String sql) {
            this.sql = sql;
        }

        /** The step's statement (ScanBenchmark explains it). */
        String sql() {
            return sql;
        }
    }

    /**
     * What every step of one slice's scan is about: the instant scanned, the events' time, the org subtree, the
     * members whose id falls in {@code slice} of {@code slices}, the trace the events carry.
     */
    public record Slice(Instant asOf, Instant now, String pathPrefix, int slice, int slices, String traceparent) {
    }

    private final EntityManager em;

    public ScanRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Prepares the transaction for a slice's steps and waits for any other scan of the same slice in this database
     * (the scheduled one on each instance, an administrator's backfill) to finish.
     */
    public void begin(Slice slice) {
        // hash joins over hundreds of thousands of due clocks: in memory rather than in temp-file batches
        em.createNativeQuery("SET LOCAL work_mem = '64MB'").executeUpdate();
        // a day's due clocks are a small share of the members: find each one's member by its key (pages are cached
        // or on SSD) instead of reading the whole member table once per statement, as the default 4.0 would
        em.createNativeQuery("SET LOCAL random_page_cost = 1.1").executeUpdate();
        Sql.of(em, "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.clock_scan'), :slice)) l")
                .set("slice", slice.slice(), Integer.class).single();
    }

    /**
     * The slice's one pass over its due clocks and their members: moves them on and keeps, for the steps, what this
     * scan announces (the transaction's {@code scan_due}, dropped at commit). Returns how many clocks it moved on.
     */
    public int advance(Slice slice) {
        Sql.of(em, ScanStatements.SCAN_DUE).update();
        return Sql.of(em, ScanStatements.ADVANCE).set("asOf", slice.asOf()).set("prefix", slice.pathPrefix() + "%")
                .set("slice", slice.slice(), Integer.class).set("slices", slice.slices(), Integer.class).update();
    }

    /**
     * Runs {@code step} for the clocks of {@code rule} that {@link #advance} announced (none for the self-withdrawal
     * step, which takes both absence clocks), with the rule's {@code threshold} and the {@code grace} after a due date;
     * returns how many events it wrote.
     */
    public int run(Step step, Slice slice, ClockRule rule, String eventType, Period threshold, Period grace) {
        Sql sql = Sql.of(em, step.sql).set("threshold", threshold.toString()).set("asOfText", slice.asOf().toString())
                .bind(query -> EventRows.bind(query, eventType, slice.now(), slice.traceparent()));
        if (rule != null) {
            sql.set("rule", rule.name());
        }
        if (uses(step.sql, "asOf")) {
            sql.set("asOf", slice.asOf());
        }
        if (uses(step.sql, "thresholdMonths")) {
            sql.set("thresholdMonths", (int) Math.max(1, threshold.toTotalMonths()), Integer.class);
        }
        if (uses(step.sql, "grace")) {
            sql.set("grace", grace.toString());
        }
        return sql.update();
    }

    /** Whether {@code sql} takes parameter {@code :name} (not merely one whose name begins with it). */
    private static boolean uses(String sql, String name) {
        return Pattern.compile(":" + name + "\\b").matcher(sql).find();
    }
}
