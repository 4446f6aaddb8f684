package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * Issue 12 item 3: a database error during a registration or a roster import is logged without the member's personal
 * data (pgjdbc would put the parameters of a failed batch entry and the key values into its messages). A roster import
 * (issue 14) meets a number registered meanwhile without a database error: it reports the row, and logs no personal data.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class PersonalDataLogTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " ");
            line.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
                if (t instanceof SQLException sql) {
                    for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
                        line.append(" | next: ").append(next);
                    }
                }
                if (t instanceof BatchUpdateException batch && batch.getNextException() != null) {
                    line.append(" | ").append(batch.getNextException().getMessage());
                }
            }
            log.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    DataSource db;

    @Inject
    PiiCipher pii;

    @BeforeEach
    void captureLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aRegistrationThatFailsInTheDatabaseLogsTheErrorButNoPersonalData() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID holder = fixtures.member(branch, "占位人");
        String name = "隐私登记" + Fixtures.suffix();
        String idNumber = TestIds.bornOn(LocalDate.of(1971, 3, 17));
        String body = Fixtures.memberJson(branch, name, idNumber).replace("13712345678", "17311112222");

        Response refused = whileTheIndexIsHeld(holder, idNumber, () -> given().auth().oauth2(tokens.admin())
                .contentType(ContentType.JSON).body(body).post("/api/v1/members").andReturn());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertLogged("23505", List.of(name, "17311112222", "1971-03-17", idNumber));
    }

    @Test
    void aRosterImportMeetingANumberRegisteredMeanwhileReportsItAndLogsNoPersonalData() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID holder = fixtures.member(branch, "占位人");
        String name = "隐私花名" + Fixtures.suffix();
        String idNumber = TestIds.bornOn(LocalDate.of(1972, 4, 18));
        String[] row = RosterFiles.row(name, idNumber, null);
        row[7] = "17322223333";
        row[21] = "17344445555";
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.<String[]>of(row));

        String token = tokens.admin();
        // the import job's insert waits on the held index and, once it is committed, skips the row (ON CONFLICT DO
        // NOTHING): the job reports the number registered meanwhile, and refuses the file (all-or-nothing)
        Response job = whileTheIndexIsHeld(holder, idNumber,
                () -> RosterImports.finished(token, RosterImports.start(token, branch, file, null)).extract().response());

        assertThat(job.<String>path("status")).isEqualTo("REFUSED");
        assertThat(job.<List<String>>path("problem.errors.field")).containsExactly("rows[2].身份证号");
        assertThat(job.<String>path("errors[0].message")).isEqualTo("is already registered");
        assertThat(job.asString()).doesNotContain(idNumber).doesNotContain("17322223333");
        assertLogged("Roster import " + job.path("id") + " into org " + branch + " refused",
                List.of(name, "17322223333", "17344445555", "1972-04-18", idNumber));
    }

    private void assertLogged(String error, List<String> personalData) {
        assertThat(log).as("the database error is logged").anyMatch(line -> line.contains(error));
        for (String value : personalData) {
            assertThat(log).as("personal data in the log").noneMatch(line -> line.contains(value));
        }
    }

    /**
     * Another transaction holds the ID number's blind index, uncommitted: the request's look-up finds nothing, its
     * insert waits on the unique index until that transaction commits, then PostgreSQL refuses it (23505).
     */
    private Response whileTheIndexIsHeld(UUID holder, String idNumber, Supplier<Response> request) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection tx = db.getConnection()) {
            tx.setAutoCommit(false);
            try (PreparedStatement hold = tx.prepareStatement("UPDATE member SET id_number_index = ? WHERE id = ?")) {
                hold.setString(1, pii.blindIndex(idNumber));
                hold.setObject(2, holder);
                assertThat(hold.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Response> call = CompletableFuture.supplyAsync(request, pool);
            await().atMost(Duration.ofSeconds(20)).until(() -> HeldLocks.sessionsBlockedBy(tx) > 0);
            tx.commit();
            return call.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

}
