package cn.lianxin.member.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import cn.lianxin.member.config.RosterLimitsConfig;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.MemberRules;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.domain.OrgType;
import cn.lianxin.member.domain.ResidentIdNumber;
import cn.lianxin.member.repository.OrgRepository;
import cn.lianxin.member.repository.RosterImportJobRepository;
import cn.lianxin.member.repository.RosterImportRepository.Registered;
import cn.lianxin.member.repository.RosterImportRepository;
import cn.lianxin.member.repository.RosterImportRepository.Staging;
import cn.lianxin.member.service.MemberCommands.RegisterMember;
import cn.lianxin.member.service.RosterViews.RowError;
import cn.lianxin.platform.outbox.EventIds;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.platform.problem.Problem;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * One roster import, in one transaction: reads the sheet row by row and validates each row exactly as the member API
 * does (Bean Validation, {@link MemberRules}, the ID number); encrypts and blind-indexes the valid ones, builds their
 * MemberRegistered from the typed record, and streams them into a staging table (COPY); then checks them against the
 * register and registers them with their events in one set-based statement. Its outcome is written on the job row in
 * the same transaction. All-or-nothing refuses the file (nothing written) at the first invalid row found by reading
 * it whole, and only a file without one is checked against the register, stopping at the first ID number registered;
 * valid-rows registers the valid rows and reports the others.
 */
@ApplicationScoped
public class RosterImport {

    /** All-or-nothing (default) or import the valid rows and report the rest. */
    public enum Mode {
        ALL_OR_NOTHING, VALID_ROWS
    }

    static final int MAX_ERRORS = 1000;
    /** Duplicate hits audited at once before the caller's limit is checked (as the batches of the former import did). */
    private static final int HITS_PER_CHECK = 500;
    private static final Logger LOG = Logger.getLogger(RosterImport.class);

    /** A job's counters, read by the heartbeat while the import runs. */
    static final class Progress {
        volatile int rowsRead;
        volatile int rejected;
    }

    /** The report of a finished import: the job's outcome. */
    record Outcome(String status, int rows, int imported, int rejected, List<RowError> errors, boolean truncated,
            Problem problem) {
    }

    /** The import was refused: nothing was written; the report says why. */
    static final class Refused extends RuntimeException {
        final Outcome outcome;

        Refused(Outcome outcome) {
            super(outcome.problem().detail(), null, false, false);
            this.outcome = outcome;
        }
    }

    /** The job was recorded ABANDONED while it ran (its heartbeat had stopped): its import must not commit. */
    static final class Abandoned extends RuntimeException {
        Abandoned(UUID job) {
            super("roster import " + job + " was recorded as abandoned; its import is rolled back", null, false, false);
        }
    }

    private final OrgRepository orgs;
    private final RosterImportRepository staging;
    private final RosterImportJobRepository jobs;
    private final PiiCipher pii;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final DuplicateHits duplicateHits;
    private final Outbox outbox;
    private final RosterLimitsConfig limits;

    public RosterImport(OrgRepository orgs, RosterImportRepository staging, RosterImportJobRepository jobs, PiiCipher pii,
            Validator validator, ObjectMapper mapper, Clock clock, DuplicateHits duplicateHits, Outbox outbox,
            RosterLimitsConfig limits) {
        this.orgs = orgs;
        this.staging = staging;
        this.jobs = jobs;
        this.pii = pii;
        this.validator = validator;
        this.mapper = mapper;
        this.clock = clock;
        this.duplicateHits = duplicateHits;
        this.outbox = outbox;
        this.limits = limits;
    }

    /**
     * Imports the spooled file for the job; commits the members, their events and the job's outcome together. Throws
     * {@link Refused} (nothing written, the report attached), a {@link ProblemException} (the file or the caller was
     * refused: 400, 413, 422, 429), {@link Abandoned}, or what the database threw.
     */
    @Transactional(TxType.REQUIRES_NEW)
    @TransactionConfiguration(timeout = 3600)
    public Outcome run(UUID jobId, UUID orgId, Mode mode, String user, Path xlsx, Progress progress) {
        Org target = orgs.findById(orgId);
        Run run = new Run(jobId, mode, target, branchesOf(target), user, progress);
        long start = System.nanoTime();
        try (RosterSheet sheet = RosterSheet.open(xlsx, target.type == OrgType.BRANCH);
                Staging rows = staging.openStaging()) {
            for (RosterSheet.SheetRow row = sheet.next(); row != null; row = sheet.next()) {
                run.row(row, rows);
            }
            rows.finish();
            long read = System.nanoTime();
            Outcome outcome = run.register(rows);
            LOG.infof("Roster import %s: %d rows read, validated, encrypted and staged in %d ms (COPY %d ms of it); "
                    + "checked against the register and registered with their events in %d ms", jobId, run.rows,
                    (read - start) / 1_000_000, rows.copyMillis(), (System.nanoTime() - read) / 1_000_000);
            return outcome;
        }
    }

    /** One run: the ID numbers seen, the errors, the counts. */
    private final class Run {
        final UUID jobId;
        final Mode mode;
        final Org target;
        final Map<String, Branch> branches;
        final String user;
        final Progress progress;
        final Map<String, Integer> seenIndexes = new HashMap<>();
        final List<RowError> errors = new ArrayList<>();
        final LocalDate today = ShanghaiCalendar.dateOf(clock.instant());
        /** The registration time of every member of the file, as PostgreSQL stores it (microseconds). */
        final Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int rows;
        int rejected;
        boolean truncated;

        Run(UUID jobId, Mode mode, Org target, Map<String, Branch> branches, String user, Progress progress) {
            this.jobId = jobId;
            this.mode = mode;
            this.target = target;
            this.branches = branches;
            this.user = user;
            this.progress = progress;
        }

        void row(RosterSheet.SheetRow row, Staging staged) {
            rows++;
            if (rows > limits.maxRows()) {
                throw RosterUpload.tooManyRows(limits.maxRows());
            }
            int number = row.number();
            List<RowError> found = new ArrayList<>();
            Branch branch = branch(row.branch(), number, found);
            found.addAll(row.errors());
            RegisterMember request = row.request(branch == null ? target.id : branch.id());
            Set<String> failed = new HashSet<>();
            found.forEach(e -> failed.add(e.column()));
            validator.validate(request).forEach(v -> addUnlessFailed(found, failed, number,
                    RosterColumn.headerOf(v.getPropertyPath().toString()), v.getMessage()));
            if (!failed.contains(RosterColumn.ID_NUMBER.header)) {
                MemberRules.check(new MemberRules.Facts(request.idNumber(), request.birthDate(), request.category(),
                        request.joinedAt(), request.regularizedAt()), today)
                        .forEach(e -> addUnlessFailed(found, failed, number, RosterColumn.headerOf(e.field()), e.message()));
            }
            if (found.isEmpty()) {
                ResidentIdNumber idNumber = ResidentIdNumber.parse(request.idNumber(), today);
                String index = pii.blindIndex(idNumber.value());
                Integer earlier = seenIndexes.putIfAbsent(index, number);
                if (earlier != null) {
                    found.add(new RowError(number, RosterColumn.ID_NUMBER.header, "duplicates row " + earlier));
                } else if (mode == Mode.VALID_ROWS || rejected == 0) { // all-or-nothing stages nothing more once refused
                    Branch into = branch == null ? new Branch(target.id, target.pathIds()) : branch;
                    Member member = NewMember.of(request, idNumber, index, pii.encrypt(idNumber.value()), into.id(), now,
                            user, "ROSTER_IMPORT");
                    staged.add(number, member, EventIds.next(clock),
                            json(MemberEvents.MemberRegistered.of(member, into.path())));
                }
            }
            reject(found);
            progress.rowsRead = rows;
            progress.rejected = rejected;
        }

        /**
         * Checks the staged rows against the register and registers them with their events; every ID number found
         * registered is audited as a duplicate hit (429 above the caller's limit). All-or-nothing refuses the file
         * at its first invalid row, or at the first ID number found registered (before or while inserting).
         */
        Outcome register(Staging staged) {
            if (mode == Mode.ALL_OR_NOTHING) {
                refuseIfRejected(rows);
                refuseIfRegistered(staged.registered(1));
            }
            int imported = staged.insert(MemberEvents.MEMBER_REGISTERED, now, user, clock.instant());
            if (imported < staged.staged()) { // registered before (valid-rows), or meanwhile by another transaction
                List<Registered> registered = staged.registered(mode == Mode.ALL_OR_NOTHING ? 1 : 0);
                if (mode == Mode.ALL_OR_NOTHING) {
                    refuseIfRegistered(registered);
                }
                registered.forEach(r -> reject(List.of(alreadyRegistered(r.row()))));
                for (int from = 0; from < registered.size(); from += HITS_PER_CHECK) { // 429 stops the audit early
                    duplicateHits.record(user, registered.subList(from, Math.min(registered.size(), from + HITS_PER_CHECK))
                            .stream().map(r -> new DuplicateHits.Holder(r.holderMember(), r.holderOrg())).toList(), target.id);
                }
            }
            if (imported > 0) {
                outbox.wakeRelayAfterCommit();
            }
            List<RowError> report = sorted();
            if (!jobs.finish(jobId, "SUCCEEDED", rows, imported, rejected, json(report), truncated, null, clock.instant())) {
                throw new Abandoned(jobId);
            }
            return new Outcome("SUCCEEDED", rows, imported, rejected, report, truncated, null);
        }

        private void refuseIfRejected(int read) {
            if (rejected > 0) {
                throw refusal(rejected + " of " + read + " rows have errors; nothing was imported");
            }
        }

        private void refuseIfRegistered(List<Registered> registered) {
            if (registered.isEmpty()) {
                return;
            }
            Registered first = registered.get(0);
            reject(List.of(alreadyRegistered(first.row())));
            duplicateHits.record(user, List.of(new DuplicateHits.Holder(first.holderMember(), first.holderOrg())), target.id);
            throw refusal(rejected + " of the rows up to row " + first.row() + " have errors; nothing was imported");
        }

        private Refused refusal(String detail) {
            List<RowError> report = sorted();
            List<FieldError> fields = report.stream()
                    .map(e -> new FieldError("rows[" + e.row() + "]." + e.column(), e.message())).toList();
            ProblemException problem = ProblemException.unprocessable(detail
                    + (truncated ? " (the first " + MAX_ERRORS + " errors are listed)" : ""), fields);
            return new Refused(new Outcome("REFUSED", rows, 0, rejected, report, truncated, problem.toProblem()));
        }

        private List<RowError> sorted() {
            return errors.stream().sorted(Comparator.comparingInt(RowError::row)).toList();
        }

        private RowError alreadyRegistered(int row) {
            return new RowError(row, RosterColumn.ID_NUMBER.header, "is already registered");
        }

        private Branch branch(String name, int row, List<RowError> found) {
            if (name == null) {
                if (target.type != OrgType.BRANCH) {
                    found.add(new RowError(row, RosterColumn.BRANCH.header, "is required when importing into a " + target.type));
                }
                return null;
            }
            Branch branch = branches.get(name);
            if (branch == null) {
                found.add(new RowError(row, RosterColumn.BRANCH.header, "no branch named " + name + " in " + target.name));
            } else if (branch == Branch.AMBIGUOUS) {
                found.add(new RowError(row, RosterColumn.BRANCH.header, "several branches are named " + name + " in " + target.name));
                return null;
            }
            return branch;
        }

        void reject(List<RowError> found) {
            if (found.isEmpty()) {
                return;
            }
            rejected++;
            for (RowError error : found) {
                if (errors.size() < MAX_ERRORS) {
                    errors.add(error);
                } else {
                    truncated = true;
                }
            }
        }
    }

    private static void addUnlessFailed(List<RowError> found, Set<String> failed, int row, String column, String message) {
        if (failed.add(column) || !RosterColumn.ID_NUMBER.header.equals(column)) {
            found.add(new RowError(row, column, message));
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value.getClass(), e);
        }
    }

    private record Branch(UUID id, List<UUID> path) {
        static final Branch AMBIGUOUS = new Branch(new UUID(0, 0), List.of());
    }

    /** Branches of the subtree by name (one query; a name used twice is ambiguous). */
    private Map<String, Branch> branchesOf(Org target) {
        Map<String, Branch> byName = new HashMap<>();
        for (Org org : orgs.list("path like ?1 and type = ?2", target.path + "%", OrgType.BRANCH)) {
            Branch branch = new Branch(org.id, org.pathIds());
            byName.merge(org.name, branch, (a, b) -> Branch.AMBIGUOUS);
        }
        return byName;
    }
}
