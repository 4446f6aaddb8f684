package cn.lianxin.member.repository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import cn.lianxin.platform.observability.Traceparent;
import cn.lianxin.platform.outbox.EventRows;

/**
 * Rules M1–M6's statements ({@link ScanStatements}), each run in the caller's transaction: it records the findings due
 * as of {@code asOf} once per (rule, subject, period) and appends exactly the new ones to the outbox as events of
 * {@code type}. Each answers how many events it appended.
 */
@ApplicationScoped
public class ScanRepository {

    private final EntityManager em;
    private final Clock clock;

    public ScanRepository(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** M1: transfers whose receipt was due before {@code asOfDate}. */
    public int transferReceiptOverdue(String type, Instant asOf, LocalDate asOfDate) {
        return statement(ScanStatements.TRANSFER_RECEIPT_OVERDUE, type, asOf)
                .setParameter("asOfDate", asOfDate)
                .executeUpdate();
    }

    /** M2: members without an annual review of {@code year}, due at {@code dueAt}. */
    public int annualReviewOverdue(String type, Instant asOf, int year, Instant dueAt) {
        return statement(ScanStatements.ANNUAL_REVIEW_OVERDUE, type, asOf)
                .setParameter("year", year)
                .setParameter("yearText", String.valueOf(year))
                .setParameter("dueAt", dueAt)
                .setParameter("dueAtText", dueAt.toString())
                .executeUpdate();
    }

    /** M3: outflows at a fixed place since {@code cutoff} or earlier, {@code threshold} being the rule's period. */
    public int transferRecommended(String type, Instant asOf, LocalDate cutoff, Period threshold) {
        return statement(ScanStatements.TRANSFER_RECOMMENDED, type, asOf)
                .setParameter("cutoff", cutoff)
                .setParameter("threshold", threshold.toString())
                .executeUpdate();
    }

    /** M4: open outflows whose report-in was due before {@code asOfDate}. */
    public int reportInOverdue(String type, Instant asOf, LocalDate asOfDate) {
        return statement(ScanStatements.REPORT_IN_OVERDUE, type, asOf)
                .setParameter("asOfDate", asOfDate)
                .executeUpdate();
    }

    /** M5: outflows and transfers still unconfirmed {@code grace} after their due day, before {@code asOfDate}. */
    public int handshakeEscalated(String type, Instant asOf, LocalDate asOfDate, Period grace) {
        int outflows = statement(ScanStatements.OUTFLOW_HANDSHAKE_ESCALATED, type, asOf)
                .setParameter("asOfDate", asOfDate)
                .setParameter("grace", grace.toString())
                .executeUpdate();
        return outflows + statement(ScanStatements.TRANSFER_HANDSHAKE_ESCALATED, type, asOf)
                .setParameter("asOfDate", asOfDate)
                .setParameter("grace", grace.toString())
                .executeUpdate();
    }

    /**
     * M6: members whose contact details were last confirmed (else registered) at or before {@code cutoff}
     * ({@code ContactVerification.cutoff} of {@code asOf}), {@code unconfirmedAfter} being the rule's period.
     */
    public int contactVerificationDue(String type, Instant asOf, Instant cutoff, Period unconfirmedAfter) {
        return statement(ScanStatements.CONTACT_VERIFICATION_DUE, type, asOf)
                .setParameter("cutoff", cutoff)
                .setParameter("unconfirmedAfter", unconfirmedAfter.toString())
                .executeUpdate();
    }

    private Query statement(String sql, String type, Instant asOf) {
        Query query = em.createNativeQuery(sql)
                .setParameter("asOf", asOf)
                .setParameter("asOfText", asOf.toString());
        EventRows.bind(query, type, clock.instant(), Traceparent.currentOrNull());
        return query;
    }
}
