package cn.lianxin.tracking.domain;

/**
 * How far the scans have taken a clock in its current period. The one definition of the stages: the constants are the
 * labels of the database's {@code clock_stage} enum type, in its order (migration V2; ClockStageInStepTest fails the
 * build when either side drifts), and the repositories write the SQL literals with {@link #sql}.
 */
public enum ClockStage {

    /** Running toward its due date: the scan looks at it again at {@code due_at}. */
    RUNNING,
    /** Reminded at due (T1/T2), the escalation pending: the scan looks at it again at {@code grace_until}. */
    REMINDED,
    /** Nothing more to announce for this period: the scan looks at it again once a new period restarts it. */
    DONE;

    /** The stage as an SQL literal ({@code 'RUNNING'}), which PostgreSQL reads as a {@code clock_stage}. */
    public String sql() {
        return "'" + name() + "'";
    }
}
