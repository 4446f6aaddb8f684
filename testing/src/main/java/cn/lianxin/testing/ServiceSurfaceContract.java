package cn.lianxin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What operators and front-end teams rely on in every service: health and metrics on the management port only,
 * readiness that requires the database and reports the broker, an OpenAPI document a client generator can use
 * (operationIds, tags, problem responses) and Swagger UI, Prometheus metrics with the outbox lag and the Kafka
 * consumers' lag, a request id on every response. A service's test extends this.
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
    void readinessRequiresTheDatabaseAndReportsTheBrokerWithoutDependingOnIt() {
        Management.given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.find { it.name.startsWith('Kafka broker') }.status", equalTo("UP"))
                .body("checks.find { it.name.startsWith('Kafka broker') }.data.reachable", equalTo(true))
                // no check of a Kafka channel or connection decides readiness: they go DOWN with the broker
                .body("checks.findAll { it.name.contains('Kafka') }.size()", equalTo(1));
        Management.given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void everyResponseCarriesARequestIdTheCallersOneWhenPlausible() {
        given().header("X-Request-Id", "edge-7f3a.42").get(securedEndpoint()).then()
                .header("X-Request-Id", equalTo("edge-7f3a.42"));
        given().header("X-Request-Id", "no spaces\tor controls").get(securedEndpoint()).then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void publishesItsOpenApiDocumentAndSwaggerUi() {
        given().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("openapi", containsString("3."));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /**
     * What a client generator needs of the OpenAPI document: a unique operationId and a tag on every operation, and
     * the problem responses it can give (400, 401, 403, 503 on every one) with the RFC 9457 schema. The document served is
     * the one the build made: this is also what shows that the build's filter (ApiDocument) is in it.
     */
    @Test
    void everyOperationHasAUniqueOperationIdATagAndItsProblemResponses() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        assertThat(document.at("/components/schemas/Problem/properties").has("status")).as("the Problem schema").isTrue();
        Set<String> operationIds = new HashSet<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                String name = method.getKey().toUpperCase() + " " + path.getKey();
                operations++;
                assertThat(operation.path("operationId").asText()).as("operationId of %s", name).isNotBlank();
                assertThat(operationIds.add(operation.path("operationId").asText())).as("operationId of %s is unique", name)
                        .isTrue();
                assertThat(operation.path("tags").size()).as("tags of %s", name).isPositive();
                for (String status : List.of("400", "401", "403", "503")) {
                    assertThat(response(document, operation.at("/responses/" + status))
                            .at("/content/application~1problem+json/schema/$ref").asText())
                            .as("%s response of %s", status, name).isEqualTo("#/components/schemas/Problem");
                }
            }
        }
        assertThat(operations).as("operations in the document").isPositive();
    }

    /** A response as written in the operation, or the shared one its {@code $ref} names ({@code #/components/responses/X}). */
    private static JsonNode response(JsonNode document, JsonNode response) {
        String ref = response.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : response;
    }

    /**
     * The request and response examples of the main flows (the service's {@code openapi/examples.json}): one for every
     * write a front-end makes, each valid against the schema a client generator sees. Operators' and rehearsals' tools
     * ({@link #operationsWithoutExamples()}) need none.
     */
    @Test
    void everyWriteHasExamplesThatItsSchemasAccept() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        assertThat(new DocumentedExamples(document).findings(operationsWithoutExamples())).isEmpty();
    }

    /** Writes that are operators' or rehearsals' tools, not a front-end's main flows: scans and time travel. */
    protected Set<String> operationsWithoutExamples() {
        return Set.of("POST /api/v1/scans", "PUT /api/v1/time");
    }

    /** The names the alert rules (deploy/k8s) are written against. */
    @Test
    void exposesTheOutboxLagAndTheConsumersLagAsMetrics() {
        String metrics = Management.metrics();
        assertThat(metrics).contains("lianxin_outbox_pending ", "lianxin_outbox_oldest_pending_age_seconds ");
        assertThat(metrics).as("Kafka client metrics of the consumers (Micrometer's Kafka binder)")
                .containsPattern("(?m)^kafka_consumer_fetch_manager_records_lag_max\\{");
    }
}
