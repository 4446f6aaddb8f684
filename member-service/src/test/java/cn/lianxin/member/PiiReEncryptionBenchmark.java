package cn.lianxin.member;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.testing.BenchmarkReport;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Re-encrypts 100,000 ID numbers written before key ids (bare AES-256-GCM under the key 'default') to the newest key
 * (SM4-GCM 'k2' in tests) through the admin endpoint, and prints the time and rows/s of the run and of a second run
 * that finds nothing left. Run: {@code ./mvnw verify -Pbenchmarks -pl member-service}.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class PiiReEncryptionBenchmark {

    private static final int ROWS = Integer.getInteger("pii.rows", 100_000);

    private final Fixtures fixtures = new Fixtures();

    @Inject
    DataSource db;

    @Test
    void reEncrypts100kMembers() throws Exception {
        UUID branch = fixtures.committeeWithBranch()[1];
        PiiCipher before = PiiCipher.fromBase64(ConfigProvider.getConfig().getValue("lianxin.pii.encryption-key", String.class),
                ConfigProvider.getConfig().getValue("lianxin.pii.index-key", String.class));
        long seeding = System.nanoTime();
        seed(branch, before);
        System.out.printf("%nSeeded %,d members under the key 'default' (bare format) in %.1f s%n", ROWS,
                (System.nanoTime() - seeding) / 1e9);

        long start = System.nanoTime();
        JsonPath first = given().auth().oauth2(fixtures.tokens.admin()).post("/api/v1/admin/pii/re-encryption")
                .then().statusCode(200).extract().jsonPath();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Re-encryption of %,d rows (AES-256-GCM 'default' -> SM4-GCM 'k2', batches of 500): %.1f s (%,.0f rows/s); "
                + "moved %,d, remaining %,d%n", ROWS, seconds, first.getLong("moved") / seconds, first.getLong("moved"),
                first.getLong("remaining"));

        BenchmarkReport.figure("member PiiReEncryptionBenchmark", "PII re-encryption of %,d rows (AES-GCM to SM4-GCM)".formatted(ROWS),
                first.getLong("moved") / seconds, "rows/s", "-");

        start = System.nanoTime();
        JsonPath second = given().auth().oauth2(fixtures.tokens.admin()).post("/api/v1/admin/pii/re-encryption")
                .then().statusCode(200).extract().jsonPath();
        System.out.printf("Second run (nothing left): %.2f s, moved %,d, remaining %,d%n", (System.nanoTime() - start) / 1e9,
                second.getLong("moved"), second.getLong("remaining"));
    }

    /** Members as a roster import would write them, with ciphertexts as the service wrote them before key ids. */
    private void seed(UUID branch, PiiCipher before) throws Exception {
        Instant now = Instant.now();
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO member (id, org_id, name, id_number_cipher, id_number_index, id_number_masked, gender, ethnicity,
                    birth_date, phone, category, joined_at, emergency_name, emergency_relation, emergency_phone,
                    registered_at, registered_by, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, 'MALE', '汉族', ?, '13800000000', 'FULL', ?, '家属', '配偶', '13900000000', ?, 'benchmark', ?, 'benchmark')""")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= ROWS; i++) {
                LocalDate born = LocalDate.of(1960, 1, 1).plusDays(i % 15_000);
                String number = TestIds.bornOn(born);
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, branch);
                insert.setString(3, "党员" + i);
                insert.setString(4, before.encrypt(number).substring("v1:default:".length()));
                insert.setString(5, HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()));
                insert.setString(6, number.substring(0, 4) + "**********" + number.substring(14));
                insert.setDate(7, Date.valueOf(born));
                insert.setDate(8, Date.valueOf(born.plusYears(25)));
                insert.setTimestamp(9, Timestamp.from(now));
                insert.setTimestamp(10, Timestamp.from(now));
                insert.addBatch();
                if (i % 1_000 == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }
}
