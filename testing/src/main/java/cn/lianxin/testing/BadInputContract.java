package cn.lianxin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

/**
 * Bad input is refused, never a 500, never stored (issue 12, item 2), proven the same way in every service: every
 * operation of the service's own {@code /q/openapi} is sent a generated corpus of bad inputs, one fault at a time, in
 * its path parameters, its query parameters and every field of its JSON body (nested fields included), plus faults of
 * the body as a whole and of its content type.
 *
 * <p>Each answer must be below 500; a 4xx must be {@code application/problem+json} with its status and must not echo a
 * long value back; a fault that is bad by any reading (a wrong type, a missing or null required field, a control
 * character, a 1 MB string, 10,000 nested arrays, a duplicate key, a year out of range, a number that overflows, a
 * malformed UUID, a blank name, a wrong content type, a page out of range) must not be accepted, and its 400 or 422 must
 * name the field or parameter in {@code errors[].field} (a JSON path such as {@code secretary.phone}, or the parameter's
 * name). A query parameter that cannot be read is such a 400, not a 404 (path parameters may answer 404: a malformed id
 * names nothing that exists). SQL and spreadsheet-formula metacharacters are text like any other: they may be accepted
 * (and are then stored as sent), but never a 500.
 *
 * <p><b>Nothing stored</b>: after every refused request, every table of the service's schema holds what it held before
 * (its row count and a hash of its rows), except {@link #tablesChangedByBackgroundWork()} (what consumers and
 * schedulers write on their own, which a request cannot be blamed for). The outbox is compared by its count: a refused
 * request must not publish anything.
 *
 * <p>Every operation must get at least one bad request; the number per operation is printed.
 *
 * <p>The base request of each operation is generated from its OpenAPI schema (formats, enums, well-known field names)
 * unless the service gives a valid one ({@link #validBody}); ids come from {@link #validValue}. The token is
 * {@link #token}: ADMIN unless the operation is someone else's. A service's test extends this.
 */
public abstract class BadInputContract {

    /** Shared by every request that needs it: generated once, as the test JVM's heap is small. */
    private static final String ONE_MB_JSON = "\"" + "x".repeat(1 << 20) + "\"";
    private static final String DEEP_ARRAYS = "[".repeat(10_000) + "]".repeat(10_000);
    private static final String SQL = "'; DROP TABLE member; --";
    private static final String FORMULA = "=cmd|' /C calc'!A0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger SERVER_ERRORS = new AtomicInteger();
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static String service = "";

    /** The schema the service owns (e.g. {@code member}). */
    protected abstract String schema();

    /**
     * A valid value for a path or query parameter ({@code name}) of {@code path}, e.g. the id of an existing org, so
     * that faults elsewhere in the request reach the service's own rules; null for one generated from its schema.
     */
    protected String validValue(String method, String path, String name) {
        return null;
    }

    /** A valid JSON body for the operation, or null for one generated from its schema. */
    protected String validBody(String method, String path) {
        return null;
    }

    /**
     * The body as it is sent, once per request: a service replaces in it what an accepted request uses up (an ID
     * number registers once), so that each request is answered for its own fault, not for the request before it.
     */
    protected String freshen(String method, String path, String body) {
        return body;
    }

    /** The bearer token that may call the operation; ADMIN unless overridden. */
    protected String token(String method, String path) {
        return Tokens.forTests().admin();
    }

    /** Operations left out, with the reason. */
    protected Map<String, String> excluded() {
        return Map.of("PUT /api/v1/time", "time travel, off in tests (404 for everyone; ServiceSurfaceContract)");
    }

    /** Tables that change without a request: what consumers and schedulers write. Never compared. */
    protected Set<String> tablesChangedByBackgroundWork() {
        return Set.of("processed_event", "flyway_schema_history", "scheduled_run");
    }

    @TestFactory
    Stream<DynamicTest> badInputIsRefusedAsAProblemNamingTheFieldAndNothingIsStored() throws Exception {
        service = getClass().getName();
        JsonNode document = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<DynamicTest> tests = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "PUT", "POST", "PATCH", "DELETE").contains(method)
                        || excluded().containsKey(method + " " + path.getKey())) {
                    continue;
                }
                operations.add(method + " " + path.getKey());
                Corpus corpus = new Corpus(document, method, path.getKey(), op.getValue());
                tests.add(DynamicTest.dynamicTest(method + " " + path.getKey(), corpus::run));
            }
        }
        assertThat(operations).as("operations of the OpenAPI document").isNotEmpty();
        return tests.stream();
    }

    @AfterAll
    static void reportCounts() {
        System.out.printf("BadInputContract %s: %d bad requests sent, %d answered 5xx, %d failed the contract%n",
                service, SENT.get(), SERVER_ERRORS.get(), FAILURES.get());
    }

    /** One request of the corpus: where the fault is, what it is, and whether accepting it is wrong. */
    private record Case(String where, String fault, String field, boolean mustRefuse, String pathValue, Map<String, String> query,
            String contentType, String body, String value, String accept) {

        Case(String where, String fault, String field, boolean mustRefuse, String pathValue, Map<String, String> query,
                String contentType, String body) {
            this(where, fault, field, mustRefuse, pathValue, query, contentType, body, null, null);
        }

        Case(String where, String fault, String field, boolean mustRefuse, String pathValue, Map<String, String> query,
                String contentType, String body, String value) {
            this(where, fault, field, mustRefuse, pathValue, query, contentType, body, value, null);
        }

        /** The body as sent: a field's bad value (up to 1 MB, shared) goes in only now, so the corpus stays small. */
        String bodyToSend() {
            return value == null ? body : body.replace(FAULT, value);
        }
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The service under test, as Quarkus set REST Assured up for it. */
    private static String baseUri() {
        return RestAssured.baseURI + ":" + RestAssured.port + (RestAssured.basePath == null ? "" : RestAssured.basePath);
    }

    /** Where a field's bad value goes in a body template; not JSON, so it can only be replaced. */
    private static final String FAULT = "§FAULT§";

    /** The corpus of one operation and its run. */
    private final class Corpus {
        private final JsonNode document;
        private final String method;
        private final String path;
        private final JsonNode operation;
        private final List<String> failures = new ArrayList<>();

        Corpus(JsonNode document, String method, String path, JsonNode operation) {
            this.document = document;
            this.method = method;
            this.path = path;
            this.operation = operation;
        }

        void run() throws Exception {
            List<Case> cases = cases();
            // Printed so that a run shows what the corpus reached; an operation it cannot reach is a failure.
            System.out.printf("BadInputContract %s %s: %d bad requests%n", method, path, cases.size());
            assertThat(cases).as("bad requests for %s %s", method, path).isNotEmpty();
            String token = token(method, path);
            try (Connection db = LianxinTestResource.adminConnection();
                    PreparedStatement snapshot = db.prepareStatement(snapshotQuery(db))) {
                Map<String, String> before = stored(snapshot);
                for (Case c : cases) {
                    int status = check(c, send(token, c));
                    Map<String, String> after = stored(snapshot);
                    if (status >= 400 && !after.equals(before)) {
                        fail(method + " " + path + " with " + c.where() + " " + c.fault() + " answered " + status
                                + ", yet changed " + changed(before, after));
                    }
                    before = after;
                }
            }
            assertThat(failures).as("%s: %d bad requests, %d failed", method + " " + path, cases.size(), failures.size())
                    .isEmpty();
        }

        /** @return the status, after checking the answer */
        private int check(Case c, Answer response) throws Exception {
            SENT.incrementAndGet();
            int status = response.status();
            String what = method + " " + path + " with " + c.where() + " " + c.fault() + " answered " + status;
            if (status >= 500) {
                SERVER_ERRORS.incrementAndGet();
                fail(what + ": " + abbreviate(response.body()));
                return status;
            }
            if (status < 400) {
                if (c.mustRefuse()) {
                    fail(what + ": bad input accepted");
                }
                return status;
            }
            if (status == 404 && c.where().startsWith("query parameter")) {
                fail(what + ": a query parameter that cannot be read is a 400 naming it, not a missing resource");
            }
            if (response.body().contains("x".repeat(100)) || response.body().contains("9".repeat(100))) {
                fail(what + ": the answer echoes the long value back (" + response.body().length() + " characters)");
            }
            String contentType = response.contentType();
            if (!contentType.startsWith("application/problem+json")) {
                fail(what + " as " + contentType + ", not application/problem+json");
            } else {
                JsonNode problem = JSON.readTree(response.body());
                if (problem.path("status").asInt() != status) {
                    fail(what + ": the problem says status " + problem.path("status"));
                }
                // Only a fault that must be refused must be the one named: one the service may accept (SQL characters
                // in a note, an optional field left out) is refused, if at all, for something else, e.g. a case that an
                // earlier accepted request of the corpus already decided.
                if (c.field() != null && c.mustRefuse() && (status == 400 || status == 422) && !names(problem, c.field())) {
                    fail(what + ": the problem does not name " + c.field() + ": " + abbreviate(problem.toString()));
                }
            }
            return status;
        }

        private void fail(String failure) {
            FAILURES.incrementAndGet();
            failures.add(failure);
        }

        /**
         * Sent with the JDK's client rather than REST Assured: its request logging pretty-prints a body of 10,000 nested
         * arrays into gigabytes, and nothing here needs its matchers.
         */
        private Answer send(String token, Case c) throws Exception {
            StringBuilder uri = new StringBuilder(baseUri()).append(c.pathValue());
            String separator = "?";
            for (Map.Entry<String, String> q : c.query().entrySet()) {
                uri.append(separator).append(q.getKey()).append('=').append(q.getValue());
                separator = "&";
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString()))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(1));
            if (c.contentType() != null) {
                request.header("Content-Type", c.contentType());
            }
            if (c.accept() != null) {
                request.header("Accept", c.accept());
            }
            if (declaresHeader("If-Match")) {
                request.header("If-Match", "*"); // a required precondition (safe writes): the body is what is under test
            }
            request.method(method, c.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(freshen(method, path, c.bodyToSend()), StandardCharsets.UTF_8));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        }

        private boolean declaresHeader(String name) {
            for (JsonNode p : operation.path("parameters")) {
                JsonNode param = resolve(p);
                if ("header".equals(param.path("in").asText()) && name.equalsIgnoreCase(param.path("name").asText())) {
                    return true;
                }
            }
            return false;
        }

        // --- the corpus ---

        private List<Case> cases() {
            List<Case> cases = new ArrayList<>();
            Map<String, JsonNode> pathParams = new LinkedHashMap<>();
            Map<String, JsonNode> queryParams = new LinkedHashMap<>();
            Set<String> requiredQuery = new TreeSet<>();
            for (JsonNode p : operation.path("parameters")) {
                JsonNode param = resolve(p);
                String name = param.path("name").asText();
                if ("path".equals(param.path("in").asText())) {
                    pathParams.put(name, resolve(param.path("schema")));
                } else if ("query".equals(param.path("in").asText())) {
                    queryParams.put(name, resolve(param.path("schema")));
                    if (param.path("required").asBoolean()) {
                        requiredQuery.add(name);
                    }
                }
            }
            Map<String, String> validPath = new LinkedHashMap<>();
            pathParams.forEach((name, schema) -> validPath.put(name, valid(name, schema)));
            Map<String, String> validQuery = new LinkedHashMap<>();
            queryParams.forEach((name, schema) -> {
                if (requiredQuery.contains(name) || validValue(method, path, name) != null) {
                    validQuery.put(name, valid(name, schema));
                }
            });
            String bodyType = null;
            JsonNode bodySchema = null;
            JsonNode content = operation.path("requestBody").path("content");
            if (content.isObject() && content.size() > 0) {
                bodyType = content.fieldNames().next();
                bodySchema = resolve(content.path(bodyType).path("schema"));
                if (content.has("application/json")) {
                    bodyType = "application/json";
                    bodySchema = resolve(content.path("application/json").path("schema"));
                }
            }
            boolean json = "application/json".equals(bodyType);
            String validBody = null;
            if (json) {
                validBody = validBody(method, path);
                if (validBody == null) {
                    validBody = base(bodySchema, "", 0).toString();
                }
            } else if (bodyType != null) {
                validBody = "";
            }
            String url = url(validPath);
            String bodyContentType = bodyType;
            String body = validBody;

            // Any operation: a parameter it does not declare, with a NUL in it (refused before the operation reads
            // anything), and an Accept header it cannot serve (a 406 or the usual JSON, never a 500).
            Map<String, String> undeclared = new LinkedHashMap<>(validQuery);
            undeclared.put("extra", "a%00b");
            cases.add(new Case("query parameter extra (not declared)", "a NUL character", "extra", true, url, undeclared,
                    bodyContentType, body));
            cases.add(new Case("header", "Accept: application/xml only", null, false, url, validQuery, bodyContentType, body,
                    null, "application/xml"));
            // Path parameters: malformed, NUL, SQL, too long for a URI, the nil UUID.
            for (String name : pathParams.keySet()) {
                for (String[] fault : List.of(new String[] { "not-a-uuid", "a malformed id" },
                        new String[] { "%00", "a NUL character" }, new String[] { "%01%7F", "control characters" },
                        new String[] { encode(SQL), "SQL metacharacters" }, new String[] { encode(FORMULA), "a formula" },
                        new String[] { "9".repeat(5000), "a 5,000-character id" },
                        new String[] { "00000000-0000-0000-0000-000000000000", "the nil UUID" })) {
                    Map<String, String> values = new LinkedHashMap<>(validPath);
                    values.put(name, fault[0]);
                    boolean uuid = "uuid".equals(pathParams.get(name).path("format").asText());
                    cases.add(new Case("path parameter " + name, fault[1], null, uuid, url(values), validQuery, bodyContentType,
                            body));
                }
            }
            // Query parameters: every fault of their type, missing when required, bad paging.
            for (Map.Entry<String, JsonNode> q : queryParams.entrySet()) {
                String name = q.getKey();
                if (requiredQuery.contains(name)) {
                    Map<String, String> without = new LinkedHashMap<>(validQuery);
                    without.remove(name);
                    cases.add(new Case("query parameter " + name, "missing", name, true, url, without, bodyContentType, body));
                }
                for (Object[] fault : queryFaults(name, q.getValue())) {
                    Map<String, String> values = new LinkedHashMap<>(validQuery);
                    values.put(name, (String) fault[0]);
                    cases.add(new Case("query parameter " + name, (String) fault[1], name, (Boolean) fault[2], url, values,
                            bodyContentType, body));
                }
            }
            if (queryParams.containsKey("page") && queryParams.containsKey("size")) {
                Map<String, String> values = new LinkedHashMap<>(validQuery);
                values.put("page", "2147483647");
                values.put("size", "200");
                cases.add(new Case("query", "page=2147483647&size=200", "page", true, url, values, bodyContentType, body));
                values = new LinkedHashMap<>(validQuery);
                values.put("page", "21474837");
                values.put("size", "200");
                cases.add(new Case("query", "page=21474837&size=200 (an offset beyond an int)", "page", true, url, values,
                        bodyContentType, body));
            }
            if (bodyType == null) {
                return cases;
            }
            // The body as a whole; an operation whose body is optional (all its fields are) may take none.
            boolean bodyRequired = operation.path("requestBody").path("required").asBoolean();
            cases.add(new Case("body", "missing", null, bodyRequired, url, validQuery, bodyContentType, null));
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
                if (!type.equals(bodyType)) {
                    cases.add(new Case("content type", type, null, true, url, validQuery, type, body.isEmpty() ? "x" : body));
                }
            }
            if (!json) {
                cases.add(new Case("body", "JSON for " + bodyType, null, true, url, validQuery, bodyType, "{\"a\": 1}"));
                cases.add(new Case("body", "garbage bytes", null, true, url, validQuery, bodyType, "PK\u0003\u0004garbage"));
                return cases;
            }
            // JSON null is no body: refused where a body is required, like a missing one.
            cases.add(new Case("body", "null", null, bodyRequired, url, validQuery, bodyType, "null"));
            for (String[] fault : List.of(new String[] { "{", "truncated JSON" }, new String[] { "[]", "an array" }, new String[] { "\"text\"", "a string" }, new String[] { "42", "a number" },
                    new String[] { DEEP_ARRAYS, "10,000 nested arrays" },
                    new String[] { "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "10,000 nested objects" },
                    new String[] { body + body, "two documents" })) {
                cases.add(new Case("body", fault[1], null, true, url, validQuery, bodyType, fault[0]));
            }
            // Every field of the body, one fault at a time.
            ObjectNode valid = (ObjectNode) parse(body);
            if (valid != null && bodySchema != null) {
                fieldCases(cases, valid, bodySchema, "", valid, url, validQuery);
            }
            return cases;
        }

        private void fieldCases(List<Case> cases, ObjectNode root, JsonNode schema, String prefix, ObjectNode here, String url,
                Map<String, String> query) {
            JsonNode properties = properties(schema);
            Set<String> required = required(schema);
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                String name = property.getKey();
                String field = prefix.isEmpty() ? name : prefix + "." + name;
                JsonNode fieldSchema = resolve(property.getValue());
                boolean isRequired = required.contains(name);
                JsonNode original = here.get(name);
                if (readOnly(fieldSchema)) {
                    continue;
                }
                // Missing and null.
                here.remove(name);
                cases.add(new Case("field " + field, "missing", field, isRequired, url, query, "application/json", root.toString()));
                here.putNull(name);
                cases.add(new Case("field " + field, "null", field, isRequired, url, query, "application/json", root.toString()));
                here.putRawValue(name, new com.fasterxml.jackson.databind.util.RawValue(FAULT));
                String template = root.toString();
                for (Object[] fault : valueFaults(name, fieldSchema, isRequired)) {
                    cases.add(new Case("field " + field, (String) fault[1], field, (Boolean) fault[2], url, query,
                            "application/json", template, (String) fault[0]));
                }
                // The same key twice: the second one is where a parser would notice.
                restore(here, name, original);
                String duplicated = root.toString();
                if (original != null && here == root) {
                    String json = duplicated.substring(0, duplicated.length() - 1) + ",\"" + name + "\":" + original + "}";
                    cases.add(new Case("field " + field, "a duplicate key", field, true, url, query, "application/json", json));
                }
                if (original instanceof ObjectNode nested && prefix.split("\\.").length < 3) {
                    fieldCases(cases, root, fieldSchema, field, nested, url, query);
                } else if (original instanceof ArrayNode array && !array.isEmpty() && array.get(0) instanceof ObjectNode element) {
                    fieldCases(cases, root, resolve(fieldSchema.path("items")), field + "[0]", element, url, query);
                }
            }
        }

        private void restore(ObjectNode here, String name, JsonNode original) {
            if (original == null) {
                here.remove(name);
            } else {
                here.set(name, original);
            }
        }

        /** {value as JSON, description, must be refused}. */
        private List<Object[]> valueFaults(String name, JsonNode schema, boolean required) {
            List<Object[]> faults = new ArrayList<>();
            String type = type(schema);
            String format = schema.path("format").asText();
            faults.add(new Object[] { type.equals("array") ? "{}" : "[]", "the wrong type (" + (type.equals("array") ? "object" : "array") + ")", true });
            faults.add(new Object[] { type.equals("object") ? "\"text\"" : "{}", "the wrong type (" + (type.equals("object") ? "string" : "object") + ")", true });
            faults.add(new Object[] { DEEP_ARRAYS, "10,000 nested arrays", true });
            switch (type) {
                case "string" -> {
                    boolean free = !schema.has("enum") && format.isEmpty();
                    faults.add(new Object[] { "\"a\\u0000b\"", "a NUL character", true });
                    faults.add(new Object[] { "\"a\\u0001\\u001b\\u007fb\"", "control characters", true });
                    faults.add(new Object[] { ONE_MB_JSON, "a 1 MB string", true });
                    faults.add(new Object[] { "\"" + SQL + "\"", "SQL metacharacters", !free });
                    faults.add(new Object[] { "\"" + FORMULA + "\"", "a formula", !free });
                    faults.add(new Object[] { "\" \\u3000\\t \"", "blank after trimming", !free || required || isName(name) });
                    faults.add(new Object[] { "\"\\ud800\"", "a lone surrogate", true });
                    if (format.equals("uuid")) {
                        faults.add(new Object[] { "\"not-a-uuid\"", "a malformed UUID", true });
                    }
                    if (format.equals("date") || format.equals("date-time")) {
                        String time = format.equals("date") ? "" : "T00:00:00Z";
                        faults.add(new Object[] { "\"-999999999-01-01" + time + "\"", "the year -999999999", true });
                        faults.add(new Object[] { "\"+999999999-12-31" + time + "\"", "the year 999999999", true });
                        faults.add(new Object[] { "\"0001-01-01" + time + "\"", "the year 1", true });
                        faults.add(new Object[] { "\"2024-02-30" + time + "\"", "the 30th of February", true });
                    }
                    if (schema.has("enum")) {
                        faults.add(new Object[] { "\"NO_SUCH_VALUE\"", "an unknown enum value", true });
                    }
                }
                case "integer", "number" -> {
                    faults.add(new Object[] { "\"abc\"", "a string", true });
                    faults.add(new Object[] { "1e400", "1e400", true });
                    faults.add(new Object[] { "9223372036854775808", "Long.MAX_VALUE + 1", true });
                    faults.add(new Object[] { "-9223372036854775809", "Long.MIN_VALUE - 1", true });
                    faults.add(new Object[] { "-1", "-1", false });
                    faults.add(new Object[] { "2147483648", "Integer.MAX_VALUE + 1", schema.path("format").asText().equals("int32") });
                }
                case "boolean" -> faults.add(new Object[] { "\"maybe\"", "a string", true });
                default -> {
                }
            }
            return faults;
        }

        /** {value, description, must be refused} for a query parameter. */
        private List<Object[]> queryFaults(String name, JsonNode schema) {
            List<Object[]> faults = new ArrayList<>();
            String type = type(schema);
            String format = schema.path("format").asText();
            boolean free = type.equals("string") && format.isEmpty() && !schema.has("enum");
            faults.add(new Object[] { "%00", "a NUL character", true });
            faults.add(new Object[] { "a%01%1B%7Fb", "control characters", true });
            faults.add(new Object[] { encode(SQL), "SQL metacharacters", !free });
            faults.add(new Object[] { encode(FORMULA), "a formula", !free });
            faults.add(new Object[] { "%ED%A0%80", "a lone surrogate (invalid UTF-8)", true });
            faults.add(new Object[] { "9".repeat(3000), "3,000 digits", !free });
            if (!free) {
                faults.add(new Object[] { "not-a-value", "a malformed value", true });
            }
            if (type.equals("integer")) {
                faults.add(new Object[] { "-1", "-1", name.equals("page") || name.equals("size") });
                faults.add(new Object[] { "0", "0", name.equals("size") });
                faults.add(new Object[] { "2147483648", "Integer.MAX_VALUE + 1", true });
                faults.add(new Object[] { "1e400", "1e400", true });
            }
            if (format.equals("date") || format.equals("date-time") || name.equals("month") || name.equals("asOf")) {
                faults.add(new Object[] { "-999999999-01-01", "the year -999999999", true });
                faults.add(new Object[] { "%2B999999999-12-31T23:59:59Z", "the year 999999999", true });
                faults.add(new Object[] { "-999999999-01", "the month -999999999-01", true });
            }
            return faults;
        }

        // --- generating a valid request from the schema ---

        private String valid(String name, JsonNode schema) {
            String given = validValue(method, path, name);
            if (given != null) {
                return given;
            }
            JsonNode value = base(schema, name, 0);
            return value.isTextual() ? value.asText() : value.toString();
        }

        private JsonNode base(JsonNode schema, String name, int depth) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            schema = resolve(schema);
            if (schema.has("allOf")) {
                schema = resolve(schema.path("allOf").get(0));
            }
            if (schema.has("enum")) {
                return schema.path("enum").get(0);
            }
            switch (type(schema)) {
                case "object" -> {
                    ObjectNode object = f.objectNode();
                    if (depth > 4) {
                        return object;
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = properties(schema).fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> p = it.next();
                        if (!readOnly(resolve(p.getValue()))) {
                            object.set(p.getKey(), base(p.getValue(), p.getKey(), depth + 1));
                        }
                    }
                    return object;
                }
                case "array" -> {
                    ArrayNode array = f.arrayNode();
                    array.add(base(schema.path("items"), name, depth + 1));
                    return array;
                }
                case "integer", "number" -> {
                    return f.numberNode(schema.has("minimum") ? Math.max(schema.path("minimum").asLong(), 1) : 1);
                }
                case "boolean" -> {
                    return f.booleanNode(false);
                }
                default -> {
                    String given = validValue(method, path, name);
                    if (given != null) {
                        return f.textNode(given);
                    }
                    return f.textNode(switch (schema.path("format").asText()) {
                        case "uuid" -> UUID.randomUUID().toString();
                        case "date" -> "2024-03-01";
                        case "date-time" -> "2024-03-01T08:00:00+08:00";
                        case "email" -> "a@example.cn";
                        default -> textFor(name);
                    });
                }
            }
        }

        private String textFor(String name) {
            String n = name.toLowerCase();
            if (n.contains("phone") || n.contains("mobile")) {
                return "13800138000";
            }
            if (n.contains("url") || n.contains("address") && n.contains("web")) {
                return "https://example.cn/x";
            }
            if (n.contains("email")) {
                return "a@example.cn";
            }
            if (n.equals("month")) {
                return "2024-03";
            }
            return "联心";
        }

        private String url(Map<String, String> values) {
            String url = path;
            for (Map.Entry<String, String> v : values.entrySet()) {
                url = url.replace("{" + v.getKey() + "}", v.getValue());
            }
            return url;
        }

        // --- reading the document ---

        private JsonNode resolve(JsonNode node) {
            for (int i = 0; i < 10 && node != null && node.has("$ref"); i++) {
                String ref = node.path("$ref").asText();
                JsonNode target = document;
                for (String part : ref.substring(2).split("/")) {
                    target = target.path(part);
                }
                node = target;
            }
            if (node != null && !node.has("type") && node.has("allOf") && node.path("allOf").size() == 1) {
                return resolve(node.path("allOf").get(0));
            }
            if (node != null && !node.has("type") && node.has("anyOf")) { // nullable: [{$ref}, {type: null}]
                for (JsonNode alternative : node.path("anyOf")) {
                    if (!"null".equals(alternative.path("type").asText())) {
                        return resolve(alternative);
                    }
                }
            }
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        }

        private JsonNode properties(JsonNode schema) {
            JsonNode s = resolve(schema);
            return s.path("properties").isObject() ? s.path("properties") : JsonNodeFactory.instance.objectNode();
        }

        private Set<String> required(JsonNode schema) {
            Set<String> names = new TreeSet<>();
            resolve(schema).path("required").forEach(n -> names.add(n.asText()));
            return names;
        }

        private String type(JsonNode schema) {
            JsonNode s = resolve(schema);
            JsonNode type = s.path("type");
            if (type.isArray()) { // OpenAPI 3.1: ["string", "null"]
                for (JsonNode t : type) {
                    if (!"null".equals(t.asText())) {
                        return t.asText();
                    }
                }
            }
            if (type.isTextual()) {
                return type.asText();
            }
            return s.has("properties") ? "object" : "string";
        }

        private boolean readOnly(JsonNode schema) {
            return schema.path("readOnly").asBoolean();
        }
    }

    // --- helpers ---

    /** Names of people and organizations: a name that is blank once trimmed is no name (issue 12). */
    private static boolean isName(String field) {
        return field.equals("name") || field.endsWith("Name");
    }

    /** Whether the problem names {@code field}, or a field inside it, or the field that contains it. */
    static boolean names(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            String named = error.path("field").asText();
            if (named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "[")
                    || field.startsWith(named + ".") && !named.isEmpty() || field.startsWith(named + "[") && !named.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /**
     * What the service's schema holds, table by table, as one statement: the row count and a hash of every row's text,
     * so that a refused request that changed a row (not only one that added or removed one) is seen. The outbox is
     * compared by its count: the relay marks rows as sent in the background, and what matters is that a refused request
     * publishes nothing. The tables are listed once per operation (a bad request cannot create one): listing them again
     * before every request took a third of the corpus's time.
     */
    private String snapshotQuery(Connection db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + schema() + "' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                if (!tablesChangedByBackgroundWork().contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        assertThat(tables).as("tables of the schema %s", schema()).isNotEmpty();
        StringBuilder sql = new StringBuilder();
        for (String table : tables) {
            String hash = table.equals(OUTBOX) ? "''" : "coalesce(sum(hashtextextended(t::text, 0)), 0)";
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(table).append("', count(*) || '/' || ")
                    .append(hash).append(" FROM ").append(schema()).append(".\"").append(table).append("\" t");
        }
        return sql.toString();
    }

    /** What the tables hold now, by {@link #snapshotQuery}. */
    private static Map<String, String> stored(PreparedStatement snapshot) throws SQLException {
        Map<String, String> stored = new LinkedHashMap<>();
        try (ResultSet rs = snapshot.executeQuery()) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getString(2));
            }
        }
        return stored;
    }

    private static final String OUTBOX = "outbox_event";

    /** The tables whose rows differ, with their counts before and after. */
    private static String changed(Map<String, String> before, Map<String, String> after) {
        List<String> tables = new ArrayList<>();
        before.forEach((table, was) -> {
            String is = after.get(table);
            if (!was.equals(is)) {
                tables.add(table + " (" + was.split("/")[0] + " rows, now " + (is == null ? "?" : is.split("/")[0]) + ")");
            }
        });
        return String.join(", ", tables);
    }
}
