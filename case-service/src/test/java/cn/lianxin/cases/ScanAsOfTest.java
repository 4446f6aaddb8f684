package cn.lianxin.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.TestClock;

/** POST /api/v1/scans keeps to the present: an asOf ahead of the clock or before the floor is 422 and writes nothing. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ScanAsOfTest {

    private final CaseFixture fx = new CaseFixture();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    DataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void anAsOfAheadOfTheClockIs422AndEscalatesNothingUntilTheClockGetsThere() {
        CaseFixture.Tree tree = fx.tree();
        UUID member = fx.member(tree, "FULL");
        Instant discovered = now.minus(1, ChronoUnit.DAYS);
        UUID caseId = fx.lostCase(member, tree.branch(), now.minus(100, ChronoUnit.DAYS), discovered);
        Instant due = discovered.plus(30, ChronoUnit.DAYS); // escalation (C1) and weekly rechecks (C2) by then
        long before = outboxAbout(member, tree);

        refused(due.toString()).body("detail", startsWith("asOf: must not be later than the service's clock"));
        refused("9999-12-31T23:59:59Z");

        assertThat(outboxAbout(member, tree)).as("no event, no report").isEqualTo(before);
        assertThat(fx.caseFile(caseId).getList("escalations")).isEmpty();
        assertThat(fx.caseFile(caseId).getList("timeline.kind")).doesNotContain("ESCALATED", "RECHECK_DUE");

        // Once the clock is there (time travel in a rehearsal, a pinned clock here), the same asOf escalates.
        clock.pin(due);
        scan(due.toString()).statusCode(200).body("escalated", greaterThanOrEqualTo(1));
        assertThat(fx.caseFile(caseId).getInt("escalationLevel")).isEqualTo(1);
        assertThat(outboxAbout(member, tree)).isGreaterThan(before);
    }

    @Test
    void anAsOfBeforeTheFloorIs422() {
        refused("1921-06-30T15:59:59Z").body("detail", startsWith("asOf: must not be before 1921-06-30T16:00:00Z"));
        refused("1900-01-01T00:00:00Z");
    }

    @Test
    void thePresentAndASmallSkewAheadAreAccepted() {
        scan(now.toString()).statusCode(200).body("asOf", equalTo(now.toString()));
        Instant skewed = Instant.now().plus(4, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        scan(skewed.toString()).statusCode(200).body("asOf", equalTo(skewed.toString()));
    }

    private ValidatableResponse scan(String asOf) {
        return given().auth().oauth2(fx.tokens.admin()).contentType(ContentType.JSON).body(Map.of("asOf", asOf))
                .post("/api/v1/scans").then();
    }

    private ValidatableResponse refused(String asOf) {
        return scan(asOf).statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
    }

    /** Outbox rows about the member or the tree's orgs (escalations, rechecks, proposals, monthly reports). */
    private long outboxAbout(UUID member, CaseFixture.Tree tree) {
        String sql = "SELECT count(*) FROM outbox_event WHERE event_key IN (?, ?, ?, ?, ?) OR payload::text LIKE ?";
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, member.toString());
            statement.setString(2, tree.root().toString());
            statement.setString(3, tree.committee().toString());
            statement.setString(4, tree.branch().toString());
            statement.setString(5, tree.otherBranch().toString());
            statement.setString(6, "%" + tree.root() + "%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
