package cn.lianxin.member.repository;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import cn.lianxin.member.domain.Member;
import cn.lianxin.platform.observability.Traceparent;
import cn.lianxin.platform.outbox.EventRows;

/**
 * The SQL of a roster import, set-based: the prepared rows (ID numbers already encrypted and blind-indexed, each
 * with its MemberRegistered payload) are streamed through the driver's COPY into a temporary table that the
 * transaction's commit drops; one INSERT … SELECT then enters them into {@code member} (an ID number registered
 * meanwhile is skipped by the unique blind index, never an error) and, in the same statement, their events into
 * the outbox ({@link EventRows}, with the ids made in Java). No entity is managed. Runs on the transaction's
 * connection (the same physical connection for every call of one JTA transaction, Hibernate's included: that INSERT
 * goes through the EntityManager, for EventRows' binding, and sees the temporary table).
 */
@ApplicationScoped
public class RosterImportRepository {

    /** A row whose ID number another member holds: the spreadsheet row, the holder and its org (for the audit). */
    public record Registered(int row, UUID holderMember, UUID holderOrg) {
    }

    private static final String STAGING = """
            CREATE TEMP TABLE roster_staging (
                row_num integer NOT NULL, id uuid NOT NULL, org_id uuid NOT NULL, name text NOT NULL,
                id_number_cipher text NOT NULL, id_number_index text NOT NULL, id_number_masked text NOT NULL,
                gender text NOT NULL, ethnicity text NOT NULL, birth_date date NOT NULL, education text, occupation text,
                phone text NOT NULL, wechat text, qq text, email text, household_address text, residence_address text,
                work_unit text, category text NOT NULL, joined_at date NOT NULL, regularized_at date, introducers text,
                emergency_name text NOT NULL, emergency_relation text NOT NULL, emergency_phone text NOT NULL,
                preferred_channel text, focus_tags text[] NOT NULL, event_id uuid NOT NULL, payload text NOT NULL
            ) ON COMMIT DROP
            """;
    private static final String COLUMNS = "row_num, id, org_id, name, id_number_cipher, id_number_index, id_number_masked, "
            + "gender, ethnicity, birth_date, education, occupation, phone, wechat, qq, email, household_address, "
            + "residence_address, work_unit, category, joined_at, regularized_at, introducers, emergency_name, "
            + "emergency_relation, emergency_phone, preferred_channel, focus_tags, event_id, payload";
    private static final String INSERT = """
            WITH inserted AS (
                INSERT INTO member (id, org_id, name, id_number_cipher, id_number_index, id_number_masked, gender, ethnicity,
                    birth_date, education, occupation, phone, wechat, qq, email, household_address, residence_address,
                    work_unit, category, joined_at, regularized_at, introducers, emergency_name, emergency_relation,
                    emergency_phone, preferred_channel, focus_tags, phone_changed_at, wechat_changed_at, email_changed_at,
                    source, registered_at, registered_by, updated_at, updated_by)
                SELECT s.id, s.org_id, s.name, s.id_number_cipher, s.id_number_index, s.id_number_masked, s.gender,
                    s.ethnicity, s.birth_date, s.education, s.occupation, s.phone, s.wechat, s.qq, s.email,
                    s.household_address, s.residence_address, s.work_unit, s.category, s.joined_at, s.regularized_at,
                    s.introducers, s.emergency_name, s.emergency_relation, s.emergency_phone, s.preferred_channel,
                    s.focus_tags, :at, CASE WHEN s.wechat IS NOT NULL THEN CAST(:at AS timestamptz) END,
                    CASE WHEN s.email IS NOT NULL THEN CAST(:at AS timestamptz) END, 'ROSTER_IMPORT', :at, :by, :at, :by
                FROM roster_staging s ORDER BY s.row_num
                ON CONFLICT (id_number_index) DO NOTHING
                RETURNING id)
            """ // in row order, as the ids were made: the outbox's primary key grows at its right edge
            + EventRows.appendWithIds("roster_staging s JOIN inserted i ON i.id = s.id ORDER BY s.row_num", "s.event_id",
                    "s.id", "CAST(s.payload AS jsonb)");

    private final DataSource dataSource;
    private final EntityManager em;

    public RosterImportRepository(DataSource dataSource, EntityManager em) {
        this.dataSource = dataSource;
        this.em = em;
    }

    /** Creates the staging table and opens a COPY into it; call inside a transaction, close before committing. */
    public Staging openStaging() {
        try {
            Connection connection = dataSource.getConnection();
            try (Statement create = connection.createStatement()) {
                create.execute(STAGING);
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY roster_staging (" + COLUMNS + ") FROM STDIN");
            return new Staging(connection, copy, em);
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the roster staging table (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /** The rows of a roster import on their way to the register. */
    public static final class Staging implements AutoCloseable {

        private static final int CHUNK = 256 * 1024;

        private final Connection connection;
        private final CopyIn copy;
        private final EntityManager em;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 8 * 1024);
        private final StringBuilder line = new StringBuilder(1024);
        private int staged;
        private boolean copied;
        private long copyNanos;

        private Staging(Connection connection, CopyIn copy, EntityManager em) {
            this.connection = connection;
            this.copy = copy;
            this.em = em;
        }

        /** A valid row, its member prepared (never persisted through Hibernate), its event id and payload. */
        public void add(int row, Member m, UUID eventId, String payload) {
            line.setLength(0);
            line.append(row);
            field(m.id).field(m.orgId).field(m.name).field(m.idNumberCipher).field(m.idNumberIndex).field(m.idNumberMasked)
                    .field(m.gender.name()).field(m.ethnicity).field(m.birthDate).field(m.education).field(m.occupation)
                    .field(m.phone).field(m.wechat).field(m.qq).field(m.email).field(m.householdAddress)
                    .field(m.residenceAddress).field(m.workUnit).field(m.category.name()).field(m.joinedAt)
                    .field(m.regularizedAt).field(m.introducers).field(m.emergencyName).field(m.emergencyRelation)
                    .field(m.emergencyPhone).field(m.preferredChannel == null ? null : m.preferredChannel.name())
                    .field(focusTagsArray(m)).field(eventId).field(payload);
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            staged++;
            if (buffer.size() >= CHUNK) {
                send();
            }
        }

        /** Ends the COPY and gathers the table's statistics for the joins; answers the rows staged. */
        public int finish() {
            send();
            try {
                long start = System.nanoTime();
                copy.endCopy();
                copyNanos += System.nanoTime() - start;
                copied = true;
                try (Statement analyze = connection.createStatement()) {
                    analyze.execute("ANALYZE roster_staging");
                }
                return staged;
            } catch (SQLException e) {
                throw failure("COPY into the roster staging table", e);
            }
        }

        public int staged() {
            return staged;
        }

        /** Time spent sending rows to the server and ending the COPY (a figure for the import's log). */
        public long copyMillis() {
            return copyNanos / 1_000_000;
        }

        /**
         * Members registered with the ID number of a staged row, other than the row's own member: at most
         * {@code limit} (0: all), by row.
         */
        public List<Registered> registered(int limit) {
            String sql = """
                    SELECT s.row_num, m.id AS holder_id, m.org_id FROM roster_staging s
                    JOIN member m ON m.id_number_index = s.id_number_index AND m.id <> s.id
                    ORDER BY s.row_num
                    """ + (limit > 0 ? " LIMIT " + limit : "");
            List<Registered> found = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(new Registered(rs.getInt("row_num"), rs.getObject("holder_id", UUID.class),
                            rs.getObject("org_id", UUID.class)));
                }
                return found;
            } catch (SQLException e) {
                throw failure("looking up registered ID numbers", e);
            }
        }

        /**
         * Registers every staged row whose ID number nobody holds (rows held by a member committed meanwhile are
         * skipped, after waiting for that transaction) and appends its event of {@code ceType} to the outbox: the
         * members registered.
         */
        public int insert(String ceType, Instant registeredAt, String registeredBy, Instant occurredAt) {
            Query insert = em.createNativeQuery(INSERT).setParameter("at", registeredAt).setParameter("by", registeredBy);
            EventRows.bind(insert, ceType, occurredAt, Traceparent.currentOrNull());
            return insert.executeUpdate();
        }

        /** Gives the connection back (to the transaction, which keeps it until it ends); an unfinished COPY is cancelled. */
        @Override
        public void close() {
            try {
                if (!copied && copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // the transaction rolls back
            }
            try {
                connection.close();
            } catch (SQLException e) {
                // the transaction ends the connection's use
            }
        }

        private void send() {
            if (buffer.size() == 0) {
                return;
            }
            try {
                long start = System.nanoTime();
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                copyNanos += System.nanoTime() - start;
                buffer.reset();
            } catch (SQLException e) {
                throw failure("COPY into the roster staging table", e);
            }
        }

        /** The tags as a PostgreSQL array literal of their names, e.g. {HARDSHIP,ABROAD} (names need no quoting). */
        private static String focusTagsArray(Member m) {
            return m.focusTags.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        }

        private Staging field(Object value) {
            line.append('\t');
            if (value == null) {
                line.append("\\N");
                return this;
            }
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
            return this;
        }

        /** No value of a row in the message: the SQLState says what failed (logServerErrorDetail=false keeps the rest out). */
        private static IllegalStateException failure(String what, SQLException e) {
            return new IllegalStateException(what + " failed (SQLState " + e.getSQLState() + ")", e);
        }
    }
}
