package cn.lianxin.member.repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import cn.lianxin.platform.sql.Row;

/**
 * The roster import jobs ({@code roster_import_job}): created when an upload is accepted, then their progress and
 * heartbeat, then their outcome. Every method runs in the caller's transaction; a job's progress is written in short
 * transactions of its own, its outcome in the import's transaction. Changes of state are conditional on the state they
 * leave, so a job recorded ABANDONED stays so.
 */
@ApplicationScoped
public class RosterImportJobRepository {

    /** One job as stored; {@code errors} and {@code problem} are JSON. */
    public record JobRow(UUID id, UUID orgId, String mode, String status, int rowsRead, Integer rowsTotal, int imported,
            int rejected, String errors, boolean errorsTruncated, String problem, String createdBy, Instant createdAt,
            Instant startedAt, Instant finishedAt, Instant heartbeatAt) {
    }

    private final EntityManager em;

    public RosterImportJobRepository(EntityManager em) {
        this.em = em;
    }

    public void insert(UUID id, UUID orgId, String mode, Integer rowsTotal, String createdBy, Instant now, String instance) {
        em.createNativeQuery("""
                INSERT INTO roster_import_job (id, org_id, mode, status, rows_total, created_by, created_at, heartbeat_at, instance)
                VALUES (:id, :org, :mode, 'QUEUED', :total, :by, :now, :now, :instance)
                """).setParameter("id", id).setParameter("org", orgId).setParameter("mode", mode)
                .setParameter("total", rowsTotal).setParameter("by", createdBy).setParameter("now", now)
                .setParameter("instance", instance).executeUpdate();
    }

    /** QUEUED → RUNNING; false when the job is no longer queued (abandoned meanwhile). */
    public boolean start(UUID id, Instant now) {
        return em.createNativeQuery("""
                UPDATE roster_import_job SET status = 'RUNNING', started_at = :now, heartbeat_at = :now
                WHERE id = :id AND status = 'QUEUED'
                """).setParameter("id", id).setParameter("now", now).executeUpdate() == 1;
    }

    /** The progress of a queued or running job, and its heartbeat. */
    public void progress(UUID id, int rowsRead, int rejected, Instant now) {
        em.createNativeQuery("""
                UPDATE roster_import_job SET rows_read = :read, rejected = :rejected, heartbeat_at = :now
                WHERE id = :id AND status IN ('QUEUED', 'RUNNING')
                """).setParameter("id", id).setParameter("read", rowsRead).setParameter("rejected", rejected)
                .setParameter("now", now).executeUpdate();
    }

    /**
     * The outcome of a queued or running job; false when it has none to take (recorded ABANDONED meanwhile): the
     * import's transaction must then roll back. Waits for a concurrent {@link #abandonIfStale} and vice versa.
     */
    public boolean finish(UUID id, String status, int rowsRead, int imported, int rejected, String errors,
            boolean errorsTruncated, String problem, Instant now) {
        return em.createNativeQuery("""
                UPDATE roster_import_job SET status = :status, rows_read = :read, rows_total = :read, imported = :imported,
                       rejected = :rejected, errors = CAST(:errors AS jsonb), errors_truncated = :truncated,
                       problem = CAST(:problem AS jsonb), finished_at = :now, heartbeat_at = :now
                WHERE id = :id AND status IN ('QUEUED', 'RUNNING')
                """).setParameter("id", id).setParameter("status", status).setParameter("read", rowsRead)
                .setParameter("imported", imported).setParameter("rejected", rejected).setParameter("errors", errors)
                .setParameter("truncated", errorsTruncated).setParameter("problem", problem).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Records a queued or running job whose heartbeat is older than {@code staleBefore} as ABANDONED. */
    public boolean abandonIfStale(UUID id, Instant staleBefore, String problem, Instant now) {
        return em.createNativeQuery("""
                UPDATE roster_import_job SET status = 'ABANDONED', problem = CAST(:problem AS jsonb), finished_at = :now
                WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND heartbeat_at < :before
                """).setParameter("id", id).setParameter("before", staleBefore).setParameter("problem", problem)
                .setParameter("now", now).executeUpdate() == 1;
    }

    public Optional<JobRow> find(UUID id) {
        return Row.list(em.createNativeQuery("""
                SELECT id, org_id, mode, status, rows_read, rows_total, imported, rejected, CAST(errors AS text) AS errors,
                       errors_truncated, CAST(problem AS text) AS problem, created_by, created_at, started_at, finished_at,
                       heartbeat_at
                FROM roster_import_job WHERE id = :id
                """, Tuple.class).setParameter("id", id), r -> new JobRow(r.uuid("id"), r.uuid("org_id"), r.string("mode"),
                r.string("status"), r.integer("rows_read"), r.integer("rows_total"), r.integer("imported"),
                r.integer("rejected"), r.string("errors"), r.bool("errors_truncated"), r.string("problem"),
                r.string("created_by"), r.instant("created_at"), r.instant("started_at"), r.instant("finished_at"),
                r.instant("heartbeat_at"))).stream().findFirst();
    }
}
