package cn.lianxin.member.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import cn.lianxin.member.config.RosterLimitsConfig;
import cn.lianxin.member.domain.Category;
import cn.lianxin.member.domain.Gender;
import cn.lianxin.member.domain.Member;
import cn.lianxin.member.domain.MemberRules;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.domain.OrgType;
import cn.lianxin.member.domain.ResidentIdNumber;
import cn.lianxin.member.messaging.MemberEvents;
import cn.lianxin.member.rest.MemberDtos.EmergencyContact;
import cn.lianxin.member.rest.MemberDtos.RegisterMember;
import cn.lianxin.member.rest.RosterDtos.ImportReport;
import cn.lianxin.member.rest.RosterDtos.RowError;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.time.ShanghaiCalendar;

/**
 * 党员花名册 in and out. Import streams the sheet row by row (nothing but the current batch and the set of ID
 * number indexes seen is kept), validates each row exactly as the member API does, and inserts in batches.
 */
@ApplicationScoped
public class RosterService {

    /** All-or-nothing (default) or import the valid rows and report the rest. */
    public enum Mode {
        ALL_OR_NOTHING, VALID_ROWS
    }

    static final int BATCH = 500;
    static final int MAX_ERRORS = 1000;
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyy年M月d日"));

    private final MemberAccess access;
    private final OrgRepository orgs;
    private final EntityManager em;
    private final PiiCipher pii;
    private final Validator validator;
    private final Outbox outbox;
    private final Clock clock;
    private final RosterLimitsConfig limits;
    private final DuplicateHits duplicateHits;
    private final RosterImportSlots slots;

    public RosterService(MemberAccess access, OrgRepository orgs, EntityManager em, PiiCipher pii, Validator validator,
            Outbox outbox, Clock clock, RosterLimitsConfig limits, DuplicateHits duplicateHits, RosterImportSlots slots) {
        this.limits = limits;
        this.duplicateHits = duplicateHits;
        this.slots = slots;
        this.access = access;
        this.orgs = orgs;
        this.em = em;
        this.pii = pii;
        this.validator = validator;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Reads the upload within {@link RosterLimitsConfig} (413 for a file beyond them, found while streaming it to a
     * temporary file and inflating each part into a small buffer: nothing large is ever held in memory). All-or-nothing first validates every row without looking at the register, so that a file already
     * known to be refused never has its ID numbers checked against it; only a file that passes is read again,
     * checked against the register and imported. The register check stops at the first ID number found registered.
     * Reading takes one of this instance's {@link RosterImportSlots} (503 with Retry-After when none frees up).
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public ImportReport importRoster(UUID orgId, InputStream body, Mode mode) {
        Org target = access.org(orgId);
        Path xlsx = RosterUpload.spool(body, limits);
        try (RosterImportSlots.Slot slot = slots.take()) {
            RosterUpload.inspect(xlsx, limits);
            Map<String, Branch> branches = branchesOf(target);
            if (mode == Mode.ALL_OR_NOTHING) {
                refuseIfRejected(read(xlsx, new Import(mode, target, branches, false)));
            }
            Import run = read(xlsx, new Import(mode, target, branches, true));
            if (mode == Mode.ALL_OR_NOTHING) {
                refuseIfRejected(run);
            }
            return new ImportReport(mode.name(), run.rows, run.imported, run.rejected, run.errors, run.truncated);
        } finally {
            RosterUpload.delete(xlsx);
        }
    }

    private Import read(Path xlsx, Import run) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile());
                Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            Iterator<Row> iterator = rows.iterator();
            if (!iterator.hasNext()) {
                throw ProblemException.invalidField("file", "the roster is empty: row 1 must hold the column headers");
            }
            run.columns = headers(iterator.next(), run.target.type == OrgType.BRANCH);
            while (iterator.hasNext() && !run.stopped) {
                run.row(iterator.next());
            }
            run.flush();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            if (e instanceof PersistenceException failure) { // an ID number registered at the same moment
                throw UniqueViolations.conflict(failure).orElseThrow(() -> failure);
            }
            throw ProblemException.invalidField("file", "is not a readable .xlsx workbook (" + e.getClass().getSimpleName() + ")");
        }
        return run;
    }

    private static void refuseIfRejected(Import run) {
        if (run.rejected == 0) {
            return;
        }
        List<FieldError> errors = run.errors.stream()
                .map(e -> new FieldError("rows[" + e.row() + "]." + e.column(), e.message())).toList();
        String read = run.stopped ? "the rows up to row " + run.lastRow : run.rows + " rows";
        throw ProblemException.unprocessable(run.rejected + " of " + read + " have errors; nothing was imported"
                + (run.truncated ? " (the first " + MAX_ERRORS + " errors are listed)" : ""), errors);
    }

    /** One import: the current batch of valid rows, the ID numbers seen, the errors. */
    private final class Import {
        final Mode mode;
        final Org target;
        final Map<String, Branch> branches;
        /** False: pure validation, the register is not looked at and nothing is written. */
        final boolean register;
        final Map<String, Integer> seenIndexes = new HashMap<>();
        final List<Candidate> batch = new ArrayList<>(BATCH);
        final List<RowError> errors = new ArrayList<>();
        final LocalDate today = ShanghaiCalendar.dateOf(clock.instant());
        final Instant now = clock.instant();
        final String user = access.userId();
        Map<RosterColumn, Integer> columns;
        int rows;
        int imported;
        int rejected;
        boolean truncated;
        /** All-or-nothing found an ID number already registered: the rest of the file is not checked. */
        boolean stopped;
        int lastRow;

        Import(Mode mode, Org target, Map<String, Branch> branches, boolean register) {
            this.mode = mode;
            this.target = target;
            this.branches = branches;
            this.register = register;
        }

        void row(Row row) {
            if (isBlank(row)) {
                return;
            }
            rows++;
            if (rows > limits.maxRows()) {
                throw RosterUpload.tooManyRows(limits.maxRows());
            }
            lastRow = row.getRowNum();
            List<RowError> found = new ArrayList<>();
            RowReader reader = new RowReader(row, columns, found);
            Branch branch = branch(reader.text(RosterColumn.BRANCH), row.getRowNum(), found);
            RegisterMember request = new RegisterMember(reader.text(RosterColumn.NAME), reader.idNumber(),
                    reader.gender(), reader.text(RosterColumn.ETHNICITY), reader.date(RosterColumn.BIRTH_DATE),
                    reader.text(RosterColumn.EDUCATION), reader.text(RosterColumn.OCCUPATION), reader.text(RosterColumn.PHONE),
                    reader.text(RosterColumn.WECHAT), reader.text(RosterColumn.QQ), reader.text(RosterColumn.EMAIL),
                    reader.text(RosterColumn.HOUSEHOLD_ADDRESS), reader.text(RosterColumn.RESIDENCE_ADDRESS),
                    reader.text(RosterColumn.WORK_UNIT), branch == null ? target.id : branch.id(), reader.category(),
                    reader.date(RosterColumn.JOINED_AT), reader.date(RosterColumn.REGULARIZED_AT),
                    reader.text(RosterColumn.INTRODUCERS),
                    new EmergencyContact(reader.text(RosterColumn.EMERGENCY_NAME), reader.text(RosterColumn.EMERGENCY_RELATION),
                            reader.text(RosterColumn.EMERGENCY_PHONE)), null);
            Set<String> failed = new HashSet<>();
            found.forEach(e -> failed.add(e.column()));
            validator.validate(request).forEach(v -> addUnlessFailed(found, failed, row.getRowNum(),
                    RosterColumn.headerOf(v.getPropertyPath().toString()), v.getMessage()));
            if (!failed.contains(RosterColumn.ID_NUMBER.header)) {
                MemberRules.check(new MemberRules.Facts(request.idNumber(), request.birthDate(), request.category(),
                        request.joinedAt(), request.regularizedAt()), today)
                        .forEach(e -> addUnlessFailed(found, failed, row.getRowNum(), RosterColumn.headerOf(e.field()), e.message()));
            }
            if (found.isEmpty()) {
                ResidentIdNumber idNumber = ResidentIdNumber.parse(request.idNumber(), today);
                String index = pii.blindIndex(idNumber.value());
                Integer earlier = seenIndexes.putIfAbsent(index, row.getRowNum());
                if (earlier != null) {
                    found.add(new RowError(row.getRowNum(), RosterColumn.ID_NUMBER.header, "duplicates row " + earlier));
                } else {
                    batch.add(new Candidate(row.getRowNum(), request, idNumber, index, branch == null ? targetBranch() : branch));
                }
            }
            reject(found);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        private Branch targetBranch() {
            return new Branch(target.id, target.pathIds());
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

        /**
         * Checks the batch against the register and inserts it, unless all-or-nothing has already failed; ID numbers
         * already registered are refused and audited as duplicate hits (429 above the caller's limit). All-or-nothing
         * reports the first one only and stops reading.
         */
        void flush() {
            if (batch.isEmpty() || !register) {
                batch.clear();
                return;
            }
            Map<String, UUID> holders = new HashMap<>();
            em.createQuery("select m.idNumberIndex, m.orgId from Member m where m.idNumberIndex in :indexes", Object[].class)
                    .setParameter("indexes", batch.stream().map(Candidate::blindIndex).toList()).getResultList()
                    .forEach(r -> holders.put((String) r[0], (UUID) r[1]));
            List<UUID> hits = new ArrayList<>();
            for (Candidate c : batch) {
                UUID holder = holders.get(c.blindIndex());
                if (holder != null) {
                    reject(List.of(new RowError(c.row(), RosterColumn.ID_NUMBER.header, "is already registered")));
                    hits.add(holder);
                    if (mode == Mode.ALL_OR_NOTHING) {
                        stopped = true;
                        lastRow = c.row();
                        break;
                    }
                } else if (mode == Mode.VALID_ROWS || rejected == 0) {
                    Member member = NewMember.of(c.request(), c.idNumber(), c.blindIndex(), pii.encrypt(c.idNumber().value()),
                            c.branch().id(), now, user, "ROSTER_IMPORT");
                    em.persist(member);
                    outbox.append(MemberEvents.MEMBER_REGISTERED, member.id, MemberEvents.MemberRegistered.of(member, c.branch().path()));
                    imported++;
                }
            }
            batch.clear();
            duplicateHits.record(hits, target.id);
            em.flush();
            em.clear();
        }
    }

    private static void addUnlessFailed(List<RowError> found, Set<String> failed, int row, String column, String message) {
        if (failed.add(column) || !RosterColumn.ID_NUMBER.header.equals(column)) {
            found.add(new RowError(row, column, message));
        }
    }

    private record Candidate(int row, RegisterMember request, ResidentIdNumber idNumber, String blindIndex, Branch branch) {
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

    private static Map<RosterColumn, Integer> headers(Row row, boolean intoBranch) {
        Map<String, Integer> found = new HashMap<>();
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            if (cell != null && cell.getText() != null && !cell.getText().isBlank()) {
                found.put(cell.getText().trim(), i);
            }
        }
        Map<RosterColumn, Integer> columns = new EnumMap<>(RosterColumn.class);
        List<FieldError> missing = new ArrayList<>();
        for (RosterColumn column : RosterColumn.values()) {
            Integer index = found.get(column.header);
            if (index != null) {
                columns.put(column, index);
            } else if (column.required || (column == RosterColumn.BRANCH && !intoBranch)) {
                missing.add(new FieldError("rows[1]." + column.header, "column is missing"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("The roster lacks required columns; row 1 must hold the headers of the documented layout",
                    missing);
        }
        return columns;
    }

    private static boolean isBlank(Row row) {
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            if (cell != null && cell.getType() != CellType.EMPTY && cell.getText() != null && !cell.getText().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Reads one row's cells by column, recording what cannot be read. */
    private static final class RowReader {
        private final Row row;
        private final Map<RosterColumn, Integer> columns;
        private final List<RowError> errors;

        RowReader(Row row, Map<RosterColumn, Integer> columns, List<RowError> errors) {
            this.row = row;
            this.columns = columns;
            this.errors = errors;
        }

        private Cell cell(RosterColumn column) {
            Integer index = columns.get(column);
            return index == null || index >= row.getCellCount() ? null : row.getCell(index);
        }

        String text(RosterColumn column) {
            Cell cell = cell(column);
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return null;
            }
            String text = cell.getType() == CellType.NUMBER ? plainNumber(cell) : cell.getText();
            return text == null || text.isBlank() ? null : text.trim();
        }

        private static String plainNumber(Cell cell) {
            BigDecimal number = cell.asNumber();
            return number.stripTrailingZeros().toPlainString();
        }

        String idNumber() {
            Cell cell = cell(RosterColumn.ID_NUMBER);
            if (cell != null && cell.getType() == CellType.NUMBER) {
                errors.add(new RowError(row.getRowNum(), RosterColumn.ID_NUMBER.header,
                        "must be a text cell: Excel rounds an 18-digit number"));
                return "x";
            }
            return text(RosterColumn.ID_NUMBER);
        }

        Gender gender() {
            String text = text(RosterColumn.GENDER);
            if (text == null) {
                return null;
            }
            return switch (text.toUpperCase(Locale.ROOT)) {
                case "男", "MALE" -> Gender.MALE;
                case "女", "FEMALE" -> Gender.FEMALE;
                default -> {
                    errors.add(new RowError(row.getRowNum(), RosterColumn.GENDER.header, "must be 男 or 女"));
                    yield Gender.MALE;
                }
            };
        }

        Category category() {
            String text = text(RosterColumn.CATEGORY);
            if (text == null) {
                return null;
            }
            return switch (text.toUpperCase(Locale.ROOT)) {
                case "正式党员", "正式", "FULL" -> Category.FULL;
                case "预备党员", "预备", "PROBATIONARY" -> Category.PROBATIONARY;
                default -> {
                    errors.add(new RowError(row.getRowNum(), RosterColumn.CATEGORY.header, "must be 正式党员 or 预备党员"));
                    yield Category.FULL;
                }
            };
        }

        LocalDate date(RosterColumn column) {
            Cell cell = cell(column);
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return null;
            }
            if (cell.getType() == CellType.NUMBER) {
                return EXCEL_EPOCH.plusDays(cell.asNumber().longValue());
            }
            String text = text(column);
            if (text == null) {
                return null;
            }
            for (DateTimeFormatter format : DATE_FORMATS) {
                try {
                    return LocalDate.parse(text, format);
                } catch (DateTimeParseException e) {
                    // next format
                }
            }
            errors.add(new RowError(row.getRowNum(), column.header, "is not a date (yyyy-MM-dd): " + text));
            return null;
        }
    }

    // --- export ------------------------------------------------------------------------------------------

    private static final String[] EXPORT_HEADERS = Stream.concat(Stream.of(RosterColumn.values()).map(c -> c.header),
            Stream.of("党籍")).toArray(String[]::new);

    /**
     * Writes the subtree's roster in the import layout (so that it can be read back), ID numbers masked unless
     * {@code full}; a full export is recorded as a reveal of every member's ID number.
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public void export(String pathPrefix, boolean full, String reason, String user, OutputStream out) {
        if (full) {
            em.createNativeQuery("""
                    INSERT INTO id_number_reveal (id, member_id, revealed_by, revealed_at, reason)
                    SELECT gen_random_uuid(), m.id, :by, :at, :reason FROM member m JOIN org o ON o.id = m.org_id
                    WHERE o.path LIKE :prefix
                    """).setParameter("by", user).setParameter("at", clock.instant())
                    .setParameter("reason", reason).setParameter("prefix", pathPrefix + "%").executeUpdate();
        }
        try {
            Workbook workbook = new Workbook(out, "Lianxin", "1.0");
            Worksheet sheet = workbook.newWorksheet("党员花名册");
            for (int c = 0; c < EXPORT_HEADERS.length; c++) {
                sheet.value(0, c, EXPORT_HEADERS[c]);
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            UUID last = new UUID(0, 0);
            List<Object[]> page;
            do {
                page = exportPage(pathPrefix, last);
                for (Object[] m : page) {
                    writeRow(sheet, r++, m, full);
                    last = (UUID) m[0];
                }
                sheet.flush();
                em.clear();
            } while (page.size() == 1000);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> exportPage(String prefix, UUID after) {
        return em.createNativeQuery("""
                SELECT m.id, m.name, m.id_number_cipher, m.id_number_masked, m.gender, m.ethnicity, m.birth_date,
                       m.education, m.occupation, m.phone, m.wechat, m.qq, m.email, m.household_address,
                       m.residence_address, m.work_unit, o.name AS branch, m.category, m.joined_at, m.regularized_at,
                       m.introducers, m.emergency_name, m.emergency_relation, m.emergency_phone, m.standing
                FROM member m JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND m.id > :after
                ORDER BY m.id LIMIT 1000
                """).setParameter("prefix", prefix + "%").setParameter("after", after).getResultList();
    }

    private void writeRow(Worksheet sheet, int r, Object[] m, boolean full) {
        Object[] values = { m[1], full ? pii.decrypt((String) m[2]) : m[3], "MALE".equals(m[4]) ? "男" : "女", m[5],
                date(m[6]), m[7], m[8], m[9], m[10], m[11], m[12], m[13], m[14], m[15], m[16],
                "FULL".equals(m[17]) ? "正式党员" : "预备党员", date(m[18]), date(m[19]), m[20], m[21], m[22], m[23], m[24] };
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                sheet.value(r, c, values[c].toString());
            }
        }
    }

    private static String date(Object value) {
        if (value == null) {
            return null;
        }
        return (value instanceof Date sql ? sql.toLocalDate() : value).toString();
    }
}
