package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.testing.LianxinTestResource;

/**
 * Issue 16, item 2: ID numbers written under an older key (the keyed format, and the bare format of values written
 * before key ids) move to the newest key by the re-encryption job, keep their plaintext and blind index, and a run that
 * was cut short resumes. Tests run with two keys (application.properties, {@code %test.lianxin.pii}): 'default' (the
 * test harness's key) and 'k2' (SM4-GCM), which encrypts.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class PiiKeyRotationTest {

    private static final String JOB = "/api/v1/admin/pii/re-encryption";

    private final Fixtures fixtures = new Fixtures();

    @Inject
    DataSource db;

    @Inject
    PiiCipher pii;

    /** What a deployment had before rotation: the single key, 'default', which encrypts. */
    private final PiiCipher before = PiiCipher.fromBase64(
            ConfigProvider.getConfig().getValue("lianxin.pii.encryption-key", String.class),
            ConfigProvider.getConfig().getValue("lianxin.pii.index-key", String.class));

    private UUID[] tree;

    @BeforeEach
    void nothingIsLeftUnderAnOlderKey() {
        tree = fixtures.committeeWithBranch();
        run(null).statusCode(200);
    }

    @Test
    void rowsUnderTheOldKeyAndInTheBareLegacyFormatMoveToTheNewestKeyAndStillDecryptToTheSameNumber() throws Exception {
        Map<UUID, String> numbers = new LinkedHashMap<>();
        for (String name : List.of("钱旧钥", "孙裸值", "李新钥")) {
            String number = TestIds.fresh();
            numbers.put(fixtures.member(fixtures.tokens.admin(), tree[1], name, number), number);
        }
        List<UUID> ids = new ArrayList<>(numbers.keySet());
        assertThat(cipherOf(ids.get(2))).startsWith("v1:k2:");
        String sealedByDefault = before.encrypt(numbers.get(ids.get(0)));
        assertThat(sealedByDefault).startsWith("v1:default:");
        plant(ids.get(0), sealedByDefault);
        plant(ids.get(1), before.encrypt(numbers.get(ids.get(1))).substring("v1:default:".length()));
        Map<UUID, String> indexes = new LinkedHashMap<>();
        for (UUID id : ids) {
            indexes.put(id, indexOf(id));
            reveal(id).body("idNumber", equalTo(numbers.get(id))); // both older formats read before the job
        }

        JsonPath counted = run(0).statusCode(200).extract().jsonPath();
        assertThat(counted.getLong("moved")).isZero();
        assertThat(counted.getLong("remaining")).isEqualTo(2);
        assertThat(counted.getLong("rowsByKey.default")).isEqualTo(2);
        assertThat(counted.getString("encryptWith")).isEqualTo("k2");

        JsonPath moved = run(null).statusCode(200).extract().jsonPath();
        assertThat(moved.getLong("moved")).isEqualTo(2);
        assertThat(moved.getLong("remaining")).isZero();
        assertThat(moved.getMap("rowsByKey")).containsOnlyKeys("k2");

        for (UUID id : ids) {
            assertThat(cipherOf(id)).startsWith("v1:k2:").doesNotContain(numbers.get(id));
            assertThat(indexOf(id)).isEqualTo(indexes.get(id)); // the blind index is not re-keyed
            reveal(id).body("idNumber", equalTo(numbers.get(id)));
        }
        assertThat(run(null).statusCode(200).extract().jsonPath().getLong("moved")).isZero();
    }

    @Test
    void aRunCutShortByItsLimitResumesWhereRowsStillNeedIt() throws Exception {
        Map<UUID, String> numbers = plantedUnderTheOldKey(5);

        assertMoved(run(2), 2, 3);
        assertMoved(run(2), 2, 1);
        assertMoved(run(null), 1, 0);
        assertMoved(run(null), 0, 0);
        for (Map.Entry<UUID, String> member : numbers.entrySet()) {
            assertThat(cipherOf(member.getKey())).startsWith("v1:k2:");
            assertThat(pii.decrypt(cipherOf(member.getKey()))).isEqualTo(member.getValue());
        }
    }

    @Test
    void aRowLockedByAnotherTransactionIsSkippedNotWaitedForAndMovedByTheNextRun() throws Exception {
        Map<UUID, String> numbers = plantedUnderTheOldKey(2);
        UUID locked = numbers.keySet().iterator().next();

        try (Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM member WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, locked);
                lock.executeQuery().close();
            }
            assertMoved(run(null), 1, 1);
            assertThat(cipherOf(locked)).startsWith("v1:default:");
            other.rollback();
        }
        assertMoved(run(null), 1, 0);
        assertThat(pii.decrypt(cipherOf(locked))).isEqualTo(numbers.get(locked));
    }

    @Test
    void theLimitCannotBeNegative() {
        run(-1).statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
    }

    private Map<UUID, String> plantedUnderTheOldKey(int count) throws Exception {
        Map<UUID, String> numbers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String number = TestIds.fresh();
            UUID id = fixtures.member(fixtures.tokens.admin(), tree[1], "周轮换" + i, number);
            plant(id, before.encrypt(number));
            numbers.put(id, number);
        }
        return numbers;
    }

    private static void assertMoved(io.restassured.response.ValidatableResponse response, long moved, long remaining) {
        JsonPath result = response.statusCode(200).extract().jsonPath();
        assertThat(result.getLong("moved")).as("moved").isEqualTo(moved);
        assertThat(result.getLong("remaining")).as("remaining").isEqualTo(remaining);
    }

    private io.restassured.response.ValidatableResponse run(Integer limit) {
        var request = given().auth().oauth2(fixtures.tokens.admin());
        if (limit != null) {
            request = request.queryParam("limit", limit);
        }
        return request.post(JOB).then();
    }

    private io.restassured.response.ValidatableResponse reveal(UUID member) {
        return given().auth().oauth2(fixtures.tokens.forRole(Roles.ORG_ADMIN, tree[0])).contentType(ContentType.JSON)
                .body("{\"reason\": \"密钥轮换核对\"}").post("/api/v1/members/{id}/id-number/reveal", member).then().statusCode(200);
    }

    /** The row as it was before the rotation (written directly, as the service wrote it then). */
    private void plant(UUID member, String cipher) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE member SET id_number_cipher = ? WHERE id = ?")) {
            s.setString(1, cipher);
            s.setObject(2, member);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private String cipherOf(UUID member) throws Exception {
        return column("id_number_cipher", member);
    }

    private String indexOf(UUID member) throws Exception {
        return column("id_number_index", member);
    }

    private String column(String column, UUID member) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM member WHERE id = ?")) {
            s.setObject(1, member);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
