package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.testing.LianxinTestResource;

/** POST /api/v1/scans keeps to the present: an asOf ahead of the clock or before the floor is 422 and writes nothing. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ScanAsOfTest {

    private final Fixtures fixtures = new Fixtures();

    @Inject
    DataSource db;

    @Test
    void aFutureAsOfIs422AndRecordsNoFindingAndNoEvent() {
        UUID member = fixtures.member(fixtures.committeeWithBranch()[1], "戚未来");
        // A year ahead, this member's annual review (M2) would be overdue: a scan then would record and announce it.
        Instant nextYear = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        refused(nextYear.toString()).body("detail", startsWith("asOf: must not be later than the service's clock"));
        refused("9999-12-31T23:59:59Z");

        assertThat(count("SELECT count(*) FROM scan_finding WHERE member_id = CAST(? AS uuid) OR as_of >= CAST(? AS timestamptz)",
                member.toString(), nextYear.toString())).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE subject = ? AND type LIKE '%Overdue%' "
                + "OR payload->>'asOf' IN (?, '9999-12-31T23:59:59Z')", member.toString(), nextYear.toString())).isZero();
    }

    @Test
    void anAsOfBeforeTheFloorIs422() {
        refused("1921-06-30T23:59:59+08:00").body("detail", startsWith("asOf: must not be before 1921-06-30T16:00:00Z"));
        refused("1900-01-01T00:00:00+08:00");
    }

    @Test
    void thePresentAndASmallSkewAheadAreAccepted() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        scan(now.toString()).statusCode(200).body("asOf", equalTo(now.toString()));
        Instant skewed = now.plus(4, ChronoUnit.MINUTES);
        scan(skewed.toString()).statusCode(200).body("asOf", equalTo(skewed.toString()));
    }

    private ValidatableResponse scan(String asOf) {
        return given().auth().oauth2(fixtures.tokens.admin()).contentType(ContentType.JSON)
                .body("{\"asOf\": \"" + asOf + "\"}").post("/api/v1/scans").then();
    }

    private ValidatableResponse refused(String asOf) {
        return scan(asOf).statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
    }

    private long count(String sql, String... parameters) {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
