package cn.lianxin.member.service;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import cn.lianxin.member.config.RosterLimitsConfig;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.repository.RosterImportJobRepository;
import cn.lianxin.member.repository.RosterImportJobRepository.JobRow;
import cn.lianxin.member.service.RosterImport.Mode;
import cn.lianxin.member.service.RosterImport.Outcome;
import cn.lianxin.member.service.RosterImport.Progress;
import cn.lianxin.member.service.RosterViews.RosterImportJob;
import cn.lianxin.member.service.RosterViews.RowError;
import cn.lianxin.platform.problem.Problem;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.schedule.OncePerCluster;

/**
 * Roster imports as jobs (issue 14). An upload is spooled and inspected within its bounds while the request lasts
 * (413; 503 when every import slot of this instance stays taken), recorded as a QUEUED job and answered with the job's
 * id; the job then runs on this instance's executor (the spooled file is local), holding the slot. While it runs, a
 * heartbeat writes its progress in short transactions of its own; its outcome is written by the import's own
 * transaction ({@link RosterImport}), or, when the import was refused or failed, in a transaction after it. A job
 * whose heartbeat stopped (its instance died) is recorded and reported ABANDONED by the first read that finds it so.
 */
@ApplicationScoped
public class RosterImportJobs {

    private static final Logger LOG = Logger.getLogger(RosterImportJobs.class);
    private static final TypeReference<List<RowError>> ROW_ERRORS = new TypeReference<>() {
    };
    private static final List<String> TERMINAL = List.of("SUCCEEDED", "REFUSED", "FAILED", "ABANDONED");

    private final MemberAccess access;
    private final RosterLimitsConfig limits;
    private final RosterImportSlots slots;
    private final RosterImport importer;
    private final RosterImportJobRepository jobs;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String instance;
    private final ManagedExecutor executor;
    /** The jobs running on this instance, with their counters for the heartbeat. */
    private final Map<UUID, Progress> running = new ConcurrentHashMap<>();

    public RosterImportJobs(MemberAccess access, RosterLimitsConfig limits, RosterImportSlots slots, RosterImport importer,
            RosterImportJobRepository jobs, ObjectMapper mapper, Clock clock, OncePerCluster cluster) {
        this.access = access;
        this.limits = limits;
        this.slots = slots;
        this.importer = importer;
        this.jobs = jobs;
        this.mapper = mapper;
        this.clock = clock;
        this.instance = cluster.instance();
        // One thread per import slot: a job starts only with a slot taken, so none ever waits here. No context of the
        // request is propagated: a job names its caller explicitly and opens its own transactions.
        this.executor = ManagedExecutor.builder().maxAsync(limits.maxConcurrentImports()).maxQueued(-1)
                .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow(); // the running imports roll back; their jobs are then ABANDONED
    }

    /**
     * Accepts an upload: 404 for an org the caller does not see, 413 for a file beyond the bounds, 503 when no import
     * slot frees up in time; then records the job (QUEUED) and starts it. Answers the job's id.
     */
    public UUID submit(UUID orgId, InputStream body, Mode mode) {
        Org target = access.org(orgId);
        String user = access.userId();
        Path xlsx = RosterUpload.spool(body, limits);
        RosterImportSlots.Slot slot = null;
        boolean started = false;
        try {
            slot = slots.take();
            Integer rowsTotal = RosterUpload.inspect(xlsx, limits);
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            QuarkusTransaction.requiringNew().run(() -> jobs.insert(id, target.id, mode.name(), rowsTotal, user, now, instance));
            Progress progress = new Progress();
            running.put(id, progress);
            RosterImportSlots.Slot held = slot;
            executor.execute(() -> run(id, target.id, mode, user, xlsx, progress, held));
            started = true;
            return id;
        } finally {
            if (!started) {
                if (slot != null) {
                    slot.close();
                }
                RosterUpload.delete(xlsx);
            }
        }
    }

    /** The job as the caller may see it: 404 unless it was posted to this org and the caller sees the org. */
    public RosterImportJob find(UUID orgId, UUID id) {
        Org org = access.org(orgId);
        JobRow job = jobs.find(id).filter(j -> j.orgId().equals(org.id))
                .orElseThrow(() -> ProblemException.notFound("Roster import", id));
        Instant now = clock.instant();
        Instant staleBefore = now.minus(limits.jobAbandonedAfter());
        if (!TERMINAL.contains(job.status()) && job.heartbeatAt().isBefore(staleBefore)) {
            Problem abandoned = new Problem("about:blank", "Abandoned", 500, "The instance running this import stopped "
                    + "before it finished (no heartbeat since " + job.heartbeatAt() + "); nothing was imported. Upload the "
                    + "roster again.", List.of());
            QuarkusTransaction.requiringNew().run(() -> jobs.abandonIfStale(id, staleBefore, json(abandoned), now));
            job = jobs.find(id).orElseThrow();
        }
        return view(job);
    }

    /** Writes the progress and heartbeat of the jobs running here. */
    @Scheduled(every = "${lianxin.member.roster.job-heartbeat:PT2S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        running.forEach((id, progress) -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> jobs.progress(id, progress.rowsRead, progress.rejected, clock.instant()));
            } catch (RuntimeException e) {
                LOG.warnf("Roster import %s: its heartbeat could not be written (%s); it is retried", id, e.getClass().getSimpleName());
            }
        });
    }

    private void run(UUID id, UUID orgId, Mode mode, String user, Path xlsx, Progress progress, RosterImportSlots.Slot slot) {
        try {
            if (!QuarkusTransaction.requiringNew().call(() -> jobs.start(id, clock.instant()))) {
                LOG.warnf("Roster import %s was no longer queued when it could start; not run", id);
                return;
            }
            Outcome outcome = importer.run(id, orgId, mode, user, xlsx, progress);
            LOG.infof("Roster import %s into org %s: %d rows, %d imported, %d rejected", id, orgId, outcome.rows(),
                    outcome.imported(), outcome.rejected());
        } catch (RosterImport.Refused refused) {
            LOG.infof("Roster import %s into org %s refused: %d of %d rows have errors", id, orgId,
                    refused.outcome.rejected(), refused.outcome.rows());
            finish(id, refused.outcome);
        } catch (ProblemException problem) {
            LOG.infof("Roster import %s into org %s refused with %d: %s", id, orgId, problem.status(), problem.getMessage());
            finish(id, new Outcome("REFUSED", progress.rowsRead, 0, progress.rejected, List.of(), false, withRetryAfter(problem)));
        } catch (RosterImport.Abandoned abandoned) {
            LOG.warn(abandoned.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Roster import %s into org %s failed; nothing was imported", id, orgId);
            finish(id, new Outcome("FAILED", progress.rowsRead, 0, progress.rejected, List.of(), false,
                    new Problem("about:blank", "Import Failed", 500,
                            "The import failed (" + e.getClass().getSimpleName() + "); nothing was imported", List.of())));
        } finally {
            running.remove(id);
            slot.close();
            RosterUpload.delete(xlsx);
        }
    }

    private static Problem withRetryAfter(ProblemException problem) {
        Problem p = problem.toProblem();
        if (problem instanceof RetryLater later) {
            return new Problem(p.type(), p.title(), p.status(), p.detail() + " (retry after " + later.retryAfterSeconds()
                    + " s)", p.errors());
        }
        return p;
    }

    /** Records the outcome of an import that wrote nothing (refused or failed), unless the job already has one. */
    private void finish(UUID id, Outcome outcome) {
        try {
            QuarkusTransaction.requiringNew().run(() -> jobs.finish(id, outcome.status(), outcome.rows(), outcome.imported(),
                    outcome.rejected(), json(outcome.errors()), outcome.truncated(),
                    outcome.problem() == null ? null : json(outcome.problem()), clock.instant()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Roster import %s: its outcome %s could not be recorded; it will be reported ABANDONED", id,
                    outcome.status());
        }
    }

    private RosterImportJob view(JobRow job) {
        try {
            List<RowError> errors = mapper.readValue(job.errors(), ROW_ERRORS);
            Problem problem = job.problem() == null ? null : mapper.readValue(job.problem(), Problem.class);
            return new RosterImportJob(job.id(), job.orgId(), job.mode(), job.status(), job.rowsRead(), job.rowsTotal(),
                    job.imported(), job.rejected(), percent(job), errors, job.errorsTruncated(), problem, job.createdBy(),
                    job.createdAt(), job.startedAt(), job.finishedAt(), job.heartbeatAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("roster import " + job.id() + " has an unreadable report", e);
        }
    }

    /**
     * 0 while queued, 100 once finished; while running, reading the rows counts for 95 % (measured against the rows
     * counted in the sheet when the upload was inspected), checking and registering them for the rest. Null while
     * running when the sheet's rows could not be counted (a workbook of several worksheets).
     */
    static Integer percent(JobRow job) {
        if (TERMINAL.contains(job.status())) {
            return 100;
        }
        if ("QUEUED".equals(job.status())) {
            return 0;
        }
        if (job.rowsTotal() == null) {
            return null;
        }
        return job.rowsTotal() == 0 ? 95 : (int) Math.min(95, 95L * job.rowsRead() / job.rowsTotal());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value.getClass(), e);
        }
    }
}
