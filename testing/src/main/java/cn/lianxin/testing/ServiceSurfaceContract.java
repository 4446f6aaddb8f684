package cn.lianxin.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * What operators rely on in every service: readiness that covers the database and the broker, the OpenAPI
 * document and Swagger UI, Prometheus metrics with the outbox lag. A service's test extends this.
 */
public abstract class ServiceSurfaceContract {

    /** An API endpoint of the service; every one needs a bearer token. */
    protected String securedEndpoint() {
        return "/api/v1/projections/orgs/" + UUID.randomUUID();
    }

    @Test
    void refusesApiCallsWithoutAToken() {
        given().get(securedEndpoint()).then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get(securedEndpoint()).then().statusCode(401);
    }

    @Test
    void timeTravelIsOffUnlessARehearsalEnvironmentEnablesIt() {
        String admin = Tokens.forTests().admin();
        given().auth().oauth2(admin).get("/api/v1/time").then()
                .statusCode(200)
                .body("timeTravelEnabled", equalTo(false));
        given().auth().oauth2(admin).contentType("application/json").body("{\"now\": \"2099-01-01T00:00:00+08:00\"}")
                .put("/api/v1/time").then()
                .statusCode(404);
    }

    @Test
    void readinessCoversDatabaseAndBroker() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void publishesItsOpenApiDocumentAndSwaggerUi() {
        given().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("openapi", containsString("3."));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void exposesTheOutboxLagAsAMetric() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("lianxin_outbox_pending"));
    }
}
