package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import cn.lianxin.member.service.MemberEvents;
import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.Tokens;

/**
 * Issue 14: a roster import is a job. POST answers 202 with the job's Location; the job reports its progress (rows
 * read, imported, rejected, percent) and, once terminal, its per-row report. All-or-nothing writes nothing when it
 * refuses; valid-rows registers exactly the valid rows, each with exactly one MemberRegistered in the outbox; an ID
 * number registered while the job runs is reported; a job whose instance stopped is ABANDONED; a job is seen only by
 * those who may import into its org.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RosterImportJobTest {

    private final Fixtures fixtures = new Fixtures();
    private final Tokens tokens = fixtures.tokens;

    @Inject
    DataSource db;

    @Inject
    PiiCipher pii;

    @Test
    void postAnswers202WithTheJobsLocationWhichReportsProgressThenTheOutcome() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        String[] invalid = RosterFiles.row("无效", TestIds.fresh(), null);
        invalid[7] = "12345";
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(RosterFiles.row("作业甲", TestIds.fresh(), null),
                invalid, RosterFiles.row("作业乙", TestIds.fresh(), null), RosterFiles.row("作业丙", TestIds.fresh(), null)));
        String token = tokens.forRole(Roles.SECRETARY, branch);

        Response accepted = given().auth().oauth2(token).contentType(RosterImports.XLSX).body(file)
                .queryParam("mode", "valid-rows").post("/api/v1/orgs/{id}/roster", branch);
        accepted.then().statusCode(202)
                .body("status", in(List.of("QUEUED", "RUNNING", "SUCCEEDED")))
                .body("mode", equalTo("VALID_ROWS"))
                .body("rowsTotal", equalTo(4))
                .body("createdBy", notNullValue());
        String location = accepted.header("Location");
        assertThat(location).endsWith("/api/v1/orgs/" + branch + "/roster-imports/" + accepted.path("id"));

        RosterImports.finished(token, location)
                .header("Cache-Control", containsString("no-store"))
                .body("status", equalTo("SUCCEEDED"))
                .body("rowsRead", equalTo(4)).body("rowsTotal", equalTo(4))
                .body("imported", equalTo(3)).body("rejected", equalTo(1)).body("percent", equalTo(100))
                .body("errors.row", equalTo(List.of(3))).body("errors[0].column", equalTo("手机号码"))
                .body("errorsTruncated", equalTo(false))
                .body("problem", nullValue())
                .body("startedAt", notNullValue()).body("finishedAt", notNullValue());

        Map<String, Integer> events = registeredEventsPerMember(branch);
        assertThat(events).hasSize(3).allSatisfy((member, count) -> assertThat(count).as(member).isEqualTo(1));
    }

    @Test
    void allOrNothingRefusalLeavesNoMemberAndNoOutboxRow() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        String[] future = RosterFiles.row("未来", TestIds.fresh(), null);
        future[16] = "2999-01-01";
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(RosterFiles.row("全无甲", TestIds.fresh(), null),
                RosterFiles.row("全无乙", TestIds.fresh(), null), future));

        RosterImports.run(tokens.admin(), branch, file, null)
                .body("status", equalTo("REFUSED")).body("percent", equalTo(100))
                .body("rowsRead", equalTo(3)).body("imported", equalTo(0)).body("rejected", equalTo(1))
                .body("errors.row", everyItem(equalTo(4))).body("errors.message", hasItem("cannot be in the future"))
                .body("problem.status", equalTo(422))
                .body("problem.detail", equalTo("1 of 3 rows have errors; nothing was imported"))
                .body("problem.errors.field", hasItem("rows[4].入党日期"));

        given().auth().oauth2(tokens.admin()).get("/api/v1/orgs/{id}/members", branch).then().body("total", equalTo(0));
        // the branch's own OrgCreated names it too: only MemberRegistered events count
        assertThat(count("SELECT count(*) FROM outbox_event WHERE payload ->> 'orgId' = ? AND type = ?", branch.toString(),
                MemberEvents.MEMBER_REGISTERED)).isZero();
        assertThat(count("SELECT count(*) FROM member WHERE org_id = ?", branch)).isZero();
    }

    @Test
    void anIdNumberRegisteredWhileTheJobRunsIsReportedAndTheOtherValidRowsAreImported() throws Exception {
        UUID elsewhere = fixtures.committeeWithBranch()[1];
        UUID holder = fixtures.member(elsewhere, "占号人");
        UUID branch = fixtures.committeeWithBranch()[1];
        String taken = TestIds.fresh();
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.of(RosterFiles.row("并发甲", TestIds.fresh(), null),
                RosterFiles.row("并发乙", taken, null), RosterFiles.row("并发丙", TestIds.fresh(), null)));
        String token = tokens.forRole(Roles.SECRETARY, branch);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Response job;
        try (Connection tx = db.getConnection()) {
            // another transaction gives the number to a member, uncommitted: the job's look-up does not see it, its
            // insert waits on the unique index until that transaction commits, then skips the row
            tx.setAutoCommit(false);
            try (PreparedStatement hold = tx.prepareStatement("UPDATE member SET id_number_index = ? WHERE id = ?")) {
                hold.setString(1, pii.blindIndex(taken));
                hold.setObject(2, holder);
                assertThat(hold.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> RosterImports.finished(token,
                    RosterImports.start(token, branch, file, "valid-rows")).extract().response(), pool);
            await().atMost(Duration.ofSeconds(60)).until(() -> HeldLocks.sessionsBlockedBy(tx) > 0);
            tx.commit();
            job = call.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        job.then().body("status", equalTo("SUCCEEDED"))
                .body("imported", equalTo(2)).body("rejected", equalTo(1))
                .body("errors.row", equalTo(List.of(3))).body("errors[0].column", equalTo("身份证号"))
                .body("errors[0].message", equalTo("is already registered"));
        assertThat(job.asString()).doesNotContain(taken).doesNotContain(holder.toString());
        assertThat(registeredEventsPerMember(branch)).hasSize(2)
                .allSatisfy((member, count) -> assertThat(count).as(member).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM id_number_duplicate_hit WHERE caller = ? AND acting_org_id = ?::uuid",
                "secretary@" + branch, branch.toString())).isEqualTo(1);
    }

    @Test
    void aRunningJobReportsItsProgressAndOneWhoseHeartbeatStoppedIsAbandoned() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        UUID alive = job(branch, "now()");
        UUID stopped = job(branch, "'2000-01-01T00:00:00Z'");
        String token = tokens.forRole(Roles.SECRETARY, branch);

        given().auth().oauth2(token).get("/api/v1/orgs/{id}/roster-imports/{i}", branch, alive).then().statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("rowsRead", equalTo(50)).body("rowsTotal", equalTo(100)).body("rejected", equalTo(2))
                .body("imported", equalTo(0)).body("percent", equalTo(47)).body("finishedAt", nullValue());

        for (int read = 0; read < 2; read++) { // recorded: the second read finds it ABANDONED in the table
            given().auth().oauth2(token).get("/api/v1/orgs/{id}/roster-imports/{i}", branch, stopped).then().statusCode(200)
                    .body("status", equalTo("ABANDONED")).body("percent", equalTo(100))
                    .body("imported", equalTo(0)).body("finishedAt", notNullValue())
                    .body("problem.detail", containsString("nothing was imported"));
        }
        assertThat(count("SELECT count(*) FROM roster_import_job WHERE id = ? AND status = 'ABANDONED'", stopped)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM roster_import_job WHERE id = ? AND status = 'RUNNING'", alive)).isEqualTo(1);
    }

    @Test
    void aJobIsSeenOnlyByThoseWhoMayImportIntoItsOrg() {
        UUID[] tree = fixtures.committeeWithBranch();
        UUID otherBranch = fixtures.committeeWithBranch()[1];
        byte[] file = RosterFiles.workbook(RosterFiles.HEADERS, List.<String[]>of(RosterFiles.row("可见", TestIds.fresh(), null)));
        String location = RosterImports.start(tokens.forRole(Roles.SECRETARY, tree[1]), tree[1], file, null);
        UUID job = RosterImports.id(location);
        String path = "/api/v1/orgs/{id}/roster-imports/{i}";

        given().auth().oauth2(tokens.forRole(Roles.ORG_ADMIN, tree[0])).get(path, tree[1], job).then().statusCode(200);
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, otherBranch)).get(path, tree[1], job).then().statusCode(404);
        given().auth().oauth2(tokens.forRole(Roles.SECRETARY, otherBranch)).get(path, otherBranch, job).then().statusCode(404);
        given().auth().oauth2(tokens.admin()).get(path, otherBranch, job).then().statusCode(404);
        given().auth().oauth2(tokens.admin()).get(path, tree[1], UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(tokens.forRole(Roles.AUDITOR, tree[0])).get(path, tree[1], job).then().statusCode(403);
        RosterImports.finished(tokens.forRole(Roles.SECRETARY, tree[1]), location).body("status", equalTo("SUCCEEDED"));
    }

    /** A job row as an instance running it would have left it. */
    private UUID job(UUID org, String heartbeat) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO roster_import_job (id, org_id, mode, status, rows_read, rows_total, rejected, created_by,
                                               created_at, started_at, heartbeat_at, instance)
                VALUES (?, ?, 'VALID_ROWS', 'RUNNING', 50, 100, 2, 'secretary', %1$s, %1$s, %1$s, 'gone-1')
                """.formatted(heartbeat))) {
            insert.setObject(1, id);
            insert.setObject(2, org);
            insert.executeUpdate();
        }
        return id;
    }

    /** MemberRegistered events in the outbox per member of the branch (members without one: 0). */
    private Map<String, Integer> registeredEventsPerMember(UUID branch) throws Exception {
        Map<String, Integer> events = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement query = c.prepareStatement("""
                SELECT m.id, count(o.id) FROM member m
                LEFT JOIN outbox_event o ON o.subject = m.id::text AND o.type = ?
                WHERE m.org_id = ? GROUP BY m.id
                """)) {
            query.setString(1, MemberEvents.MEMBER_REGISTERED);
            query.setObject(2, branch);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    events.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return events;
    }

    private long count(String sql, Object... parameters) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
