package cn.lianxin.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import cn.lianxin.testing.LianxinTestResource;

/**
 * POST /api/v1/scans keeps to the present: an asOf ahead of the clock (beyond the skew) or before the floor is 422 and
 * moves no clock and emits nothing, so no case is opened downstream; the present works.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ScanAsOfTest {

    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Inject
    World world;

    @Test
    void aFutureAsOfIs422AndEmitsNothingWhileThePresentDeclaresTheLossThatIsDue() {
        UUID committee = world.committee();
        OffsetDateTime now = OffsetDateTime.now(CST).truncatedTo(ChronoUnit.SECONDS);
        // No contact for 200 days: lost (T5) by now, and by any later instant too.
        UUID member = world.register(world.branch(committee, "一支部"), rfc3339(now.minusDays(200)));

        refused(committee, rfc3339(now.plusYears(1))).body("detail", startsWith("asOf: must not be later than the service's clock"));
        refused(committee, "9999-12-31T23:59:59Z");
        for (String event : new String[] { "ContactMissed", "LostContactSuspected", "DuesArrears" }) {
            assertThat(world.outboxCount(member, event)).as(event).isZero();
        }

        // The refused scans moved no clock: the present scan still finds the loss, once.
        assertThat(world.scan(committee, rfc3339(now))).containsEntry("LostContactSuspected", 1);
        assertThat(world.outboxCount(member, "LostContactSuspected")).isEqualTo(1);
    }

    @Test
    void anAsOfBeforeTheFloorIs422() {
        UUID committee = world.committee();
        refused(committee, "1921-06-30T23:59:59+08:00").body("detail", startsWith("asOf: must not be before 1921-06-30T16:00:00Z"));
        refused(committee, "1900-01-01T00:00:00+08:00");
    }

    @Test
    void aSmallSkewAheadIsAccepted() {
        UUID committee = world.committee();
        world.scan(committee, rfc3339(OffsetDateTime.now(CST).plusMinutes(4).truncatedTo(ChronoUnit.SECONDS)));
    }

    /** With its seconds always: {@code toString()} leaves out ":00", which RFC 3339 (and the contracts) require. */
    private static String rfc3339(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    private ValidatableResponse refused(UUID committee, String asOf) {
        return given().auth().oauth2(world.tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("asOf", asOf, "orgId", committee.toString())).post("/api/v1/scans").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
    }
}
