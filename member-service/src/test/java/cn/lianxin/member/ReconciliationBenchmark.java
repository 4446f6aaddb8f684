package cn.lianxin.member;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;

/**
 * The reconciliation report of a committee of 10,000 members in 20 branches, each member with a REACHED contact (a
 * third of them more than a year ago: 空挂), one in ten flowing without report-in past its due day, one in a hundred with
 * a transfer letter overdue: prints the time of the whole report (four set-based queries) and of one kind. Run:
 * {@code ./mvnw verify -Pbenchmarks -pl member-service -Dtest=ReconciliationBenchmark}.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ReconciliationBenchmark {

    private static final int MEMBERS = Integer.getInteger("reconciliation.members", 10_000);
    private static final int BRANCHES = 20;

    private final Fixtures fixtures = new Fixtures();

    @Inject
    DataSource db;

    @Test
    void reportsOnASubtreeOf10kMembers() throws Exception {
        UUID committee = fixtures.org(null, "COMMITTEE", "基准党委" + Fixtures.suffix());
        List<UUID> branches = new ArrayList<>();
        for (int b = 0; b < BRANCHES; b++) {
            branches.add(fixtures.org(committee, "BRANCH", "基准支部" + b + "-" + Fixtures.suffix()));
        }
        long seeding = System.nanoTime();
        seed(branches);
        System.out.printf("%nSeeded %,d members in %d branches in %.1f s%n", MEMBERS, BRANCHES, (System.nanoTime() - seeding) / 1e9);

        String token = fixtures.tokens.admin();
        given().auth().oauth2(token).get("/api/v1/orgs/{id}/reconciliation", committee).then().statusCode(200); // warm-up
        long start = System.nanoTime();
        JsonPath report = given().auth().oauth2(token).get("/api/v1/orgs/{id}/reconciliation", committee).then()
                .statusCode(200).extract().jsonPath();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Reconciliation of %,d members: %.2f s, counts %s%n", MEMBERS, seconds, report.getMap("counts"));
        for (String kind : new String[] { "DUPLICATE_ID", "TRANSFER_NOT_RECEIVED", "NO_CONTACT_NO_CASE", "FLOW_NOT_CONFIRMED" }) {
            start = System.nanoTime();
            given().auth().oauth2(token).queryParam("kind", kind).get("/api/v1/orgs/{id}/reconciliation", committee)
                    .then().statusCode(200);
            System.out.printf("%s alone: %.2f s%n", kind, (System.nanoTime() - start) / 1e9);
        }
        BenchmarkReport.figure("member ReconciliationBenchmark", "reconciliation report of %,d members".formatted(MEMBERS),
                seconds, "s", "-");
    }

    private void seed(List<UUID> branches) throws Exception {
        Instant now = Instant.now();
        Instant registered = now.minus(Duration.ofDays(800));
        LocalDate today = LocalDate.now();
        try (Connection c = db.getConnection();
                PreparedStatement member = c.prepareStatement("""
                        INSERT INTO member (id, org_id, name, id_number_cipher, id_number_index, id_number_masked, gender,
                            ethnicity, birth_date, phone, category, joined_at, emergency_name, emergency_relation,
                            emergency_phone, registered_at, registered_by, updated_at, updated_by, flowing)
                        VALUES (?, ?, ?, 'benchmark', ?, '9901**********0000', 'MALE', '汉族', ?, '13800000000', 'FULL', ?,
                            '家属', '配偶', '13900000000', ?, 'benchmark', ?, 'benchmark', ?)""");
                PreparedStatement contact = c.prepareStatement(
                        "INSERT INTO reached_contact (contact_id, member_id, reached_at) VALUES (?, ?, ?)");
                PreparedStatement outflow = c.prepareStatement("""
                        INSERT INTO outflow (id, member_id, org_id, nature, left_at, phone, wechat, destination_place,
                            backup_name, backup_relation, backup_phone, status, report_in_due_at, created_at, created_by,
                            updated_at, updated_by)
                        VALUES (?, ?, ?, 'TEMPORARY', ?, '13800000000', 'wx', '广东省深圳市', '家属', '配偶', '13900000000',
                            'OPEN', ?, ?, 'benchmark', ?, 'benchmark')""");
                PreparedStatement transfer = c.prepareStatement("""
                        INSERT INTO transfer (id, member_id, from_org_id, to_org_id, cross_province, issued_at, validity,
                            due_at, status, created_at, created_by, updated_at, updated_by)
                        VALUES (?, ?, ?, ?, false, ?, 'P3M', ?, 'ISSUED', ?, 'benchmark', ?, 'benchmark')""")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= MEMBERS; i++) {
                UUID id = UUID.randomUUID();
                UUID branch = branches.get(i % BRANCHES);
                boolean flowing = i % 10 == 0;
                LocalDate born = LocalDate.of(1960, 1, 1).plusDays(i % 15_000);
                member.setObject(1, id);
                member.setObject(2, branch);
                member.setString(3, "党员" + i);
                member.setString(4, HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()));
                member.setDate(5, Date.valueOf(born));
                member.setDate(6, Date.valueOf(born.plusYears(25)));
                member.setTimestamp(7, Timestamp.from(registered));
                member.setTimestamp(8, Timestamp.from(registered));
                member.setBoolean(9, flowing);
                member.addBatch();
                for (int k = 0; k < 3; k++) { // three contacts each, the last one 400 days ago for a third of them
                    contact.setObject(1, UUID.randomUUID());
                    contact.setObject(2, id);
                    contact.setTimestamp(3, Timestamp.from(now.minus(Duration.ofDays((i % 3 == 0 ? 400 : 30) + 60L * k))));
                    contact.addBatch();
                }
                if (flowing) {
                    outflow.setObject(1, UUID.randomUUID());
                    outflow.setObject(2, id);
                    outflow.setObject(3, branch);
                    outflow.setDate(4, Date.valueOf(today.minusDays(90)));
                    outflow.setDate(5, Date.valueOf(today.minusDays(60)));
                    outflow.setTimestamp(6, Timestamp.from(now));
                    outflow.setTimestamp(7, Timestamp.from(now));
                    outflow.addBatch();
                }
                if (i % 100 == 1) {
                    transfer.setObject(1, UUID.randomUUID());
                    transfer.setObject(2, id);
                    transfer.setObject(3, branch);
                    transfer.setObject(4, branches.get((i + 1) % BRANCHES));
                    transfer.setDate(5, Date.valueOf(today.minusMonths(4)));
                    transfer.setDate(6, Date.valueOf(today.minusMonths(1)));
                    transfer.setTimestamp(7, Timestamp.from(now));
                    transfer.setTimestamp(8, Timestamp.from(now));
                    transfer.addBatch();
                }
                if (i % 1_000 == 0) {
                    member.executeBatch();
                    contact.executeBatch();
                    outflow.executeBatch();
                    transfer.executeBatch();
                    c.commit();
                }
            }
            member.executeBatch();
            contact.executeBatch();
            outflow.executeBatch();
            transfer.executeBatch();
            c.commit();
        }
        // the statistics a bulk load leaves to autovacuum, gathered now by the schema's owner (the service may not ANALYZE):
        // with none, the planner takes the fresh tables for empty and joins every outflow to the whole subtree
        var config = ConfigProvider.getConfig();
        try (Connection owner = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class), config.getValue("quarkus.flyway.password", String.class));
                var analyze = owner.createStatement()) {
            analyze.execute("ANALYZE member.member; ANALYZE member.reached_contact; ANALYZE member.outflow; ANALYZE member.transfer; ANALYZE member.org");
        }
    }
}
