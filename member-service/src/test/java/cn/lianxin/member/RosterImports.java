package cn.lianxin.member;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * The roster import protocol (issue 14) as a client follows it: POST the .xlsx, get 202 with the job's Location, read
 * the job until its status is terminal.
 */
public final class RosterImports {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final List<String> TERMINAL = List.of("SUCCEEDED", "REFUSED", "FAILED", "ABANDONED");

    private RosterImports() {
    }

    /** Posts the roster (mode null: all-or-nothing); asserts 202 with a Location naming the job; answers the Location. */
    public static String start(String token, UUID org, Object body, String mode) {
        var request = given().auth().oauth2(token).contentType(XLSX);
        if (body instanceof byte[] bytes) { // body(Object) would serialise it, not send it
            request.body(bytes);
        } else if (body instanceof java.io.File file) {
            request.body(file);
        } else {
            throw new IllegalArgumentException("a roster is a byte[] or a File: " + body.getClass());
        }
        if (mode != null) {
            request.queryParam("mode", mode);
        }
        return request.post("/api/v1/orgs/{id}/roster", org).then()
                .statusCode(202)
                .header("Location", matchesPattern(".*/api/v1/orgs/" + org + "/roster-imports/[0-9a-f-]{36}$"))
                .body("orgId", equalTo(org.toString()))
                .extract().header("Location");
    }

    /** Reads the job at {@code location} until its status is terminal; answers its last response. */
    public static ValidatableResponse finished(String token, String location) {
        String path = location.substring(location.indexOf("/api/v1/"));
        Response[] last = new Response[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = given().auth().oauth2(token).get(path);
            last[0].then().statusCode(200);
            return TERMINAL.contains(last[0].path("status"));
        });
        return last[0].then();
    }

    /** Posts the roster and answers the finished job. */
    public static ValidatableResponse run(String token, UUID org, Object body, String mode) {
        return finished(token, start(token, org, body, mode));
    }

    /** The job id named by a Location. */
    public static UUID id(String location) {
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }
}
