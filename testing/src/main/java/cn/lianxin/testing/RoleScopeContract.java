package cn.lianxin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import cn.lianxin.platform.security.Roles;

/**
 * Least privilege (docs/architecture.md, access rules), proven the same way in every service: each operation of
 * the service's own OpenAPI document is declared with the roles that may call it, and is then called by every role,
 * once on the caller's own subject and once on another member of the same branch.
 *
 * <ul>
 * <li>{@link Role#LIAISON} acts for the flow members assigned to them: the {@link Subject#OWN} subject is the member
 * assigned to the liaison, {@link Subject#OTHER} a member of the same branch assigned to nobody.</li>
 * <li>{@link Role#MEMBER} acts for themselves: the {@link Subject#OWN} subject is the member named by their token.</li>
 * <li>Every other role is bound by its org only: both subjects are in its subtree.</li>
 * </ul>
 *
 * An allowed call must pass authorization (any status but 401, 403 and 404); a refused one answers 403 or 404
 * (404 where the thing is not to be probed). An operation of the OpenAPI document that the service does not declare
 * fails the contract, so a new endpoint cannot ship without its access rule. A service's test extends this.
 */
public abstract class RoleScopeContract {

    /** The roles of a token (docs/domain.md §6). */
    public enum Role {
        ADMIN, ORG_ADMIN, SECRETARY, AUDITOR, LIAISON, MEMBER
    }

    /** Which member a call is about. */
    public enum Subject {
        /** The LIAISON's assigned member, the MEMBER themself; for other roles, a member in their subtree. */
        OWN,
        /** Another member of the same branch, assigned to nobody. */
        OTHER
    }

    /**
     * The people the matrix needs. {@code ownMember} is a member of {@code branch} whose liaison is
     * {@code liaisonMember}; {@code otherMember} is another member of the same branch without a liaison.
     * {@code committee} is the branch's committee (the ORG_ADMIN's and the AUDITOR's org).
     */
    public record World(UUID committee, UUID branch, UUID liaisonMember, UUID ownMember, UUID otherMember) {

        public UUID member(Subject subject) {
            return subject == Subject.OWN ? ownMember : otherMember;
        }
    }

    /** One operation of the OpenAPI document, how to call it for a subject, and who may. */
    public static final class Operation {
        final String method;
        final String path;
        BiFunction<RequestSpecification, Subject, Response> call;
        final Set<Role> allowed = EnumSet.noneOf(Role.class);

        private Operation(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** How to call the operation for a subject, with a valid request (a refused call must not fail on input). */
        public Operation call(BiFunction<RequestSpecification, Subject, Response> call) {
            this.call = call;
            return this;
        }

        /** The roles that may call it; a LIAISON and a MEMBER only ever for their own subject. */
        public Operation allow(Role... roles) {
            allowed.addAll(List.of(roles));
            return this;
        }

        boolean allows(Role role, Subject subject) {
            if (!allowed.contains(role)) {
                return false;
            }
            return subject == Subject.OWN || (role != Role.LIAISON && role != Role.MEMBER);
        }

        String key() {
            return method + " " + path;
        }
    }

    /** Declares an operation as its OpenAPI document names it, e.g. {@code operation("GET", "/api/v1/members/{id}")}. */
    protected static Operation operation(String method, String path) {
        return new Operation(method.toUpperCase(), path);
    }

    /** Readers: every role that reads a subtree (staff and auditors). */
    protected static final Role[] READERS = { Role.ADMIN, Role.ORG_ADMIN, Role.SECRETARY, Role.AUDITOR };
    /** Writers: staff who change a subtree. */
    protected static final Role[] WRITERS = { Role.ADMIN, Role.ORG_ADMIN, Role.SECRETARY };

    private static World world;
    private static Class<?> worldOwner;

    /** Creates the matrix's people once per test class, through the service's API or its consumed events. */
    protected abstract World createWorld();

    /** Every operation of the service under {@code /api/v1}, with its call and its allowed roles. */
    protected abstract List<Operation> operations(World world);

    /** Operations outside the matrix, with the reason (e.g. the shared time and projection endpoints, tested apart). */
    protected Map<String, String> excluded() {
        return Map.of("GET /api/v1/time", "the service clock, the same in every service (ServiceSurfaceContract)",
                "PUT /api/v1/time", "time travel, off unless a rehearsal enables it (ServiceSurfaceContract)",
                "GET /api/v1/projections/orgs/{orgId}", "consumers' org projection (OrgProjectionConsumerContract)");
    }

    protected World world() {
        if (world == null || worldOwner != getClass()) {
            world = createWorld();
            worldOwner = getClass();
        }
        return world;
    }

    /** The token of a role in the world: org-bound roles at the branch or the committee; people by their member id. */
    protected String token(Role role) {
        Tokens tokens = Tokens.forTests();
        World w = world();
        return switch (role) {
            case ADMIN -> tokens.admin();
            case ORG_ADMIN -> tokens.forRole(Roles.ORG_ADMIN, w.committee());
            case AUDITOR -> tokens.forRole(Roles.AUDITOR, w.committee());
            case SECRETARY -> tokens.forRole(Roles.SECRETARY, w.branch());
            case LIAISON -> tokens.forMember(Roles.LIAISON, w.branch(), w.liaisonMember());
            case MEMBER -> tokens.forMember(Roles.MEMBER, w.branch(), w.ownMember());
        };
    }

    @Test
    void everyOperationOfTheOpenApiDocumentHasAnAccessRule() throws Exception {
        Set<String> documented = documentedOperations();
        Set<String> declared = new TreeSet<>();
        operations(world()).forEach(op -> declared.add(op.key()));
        Set<String> undeclared = new TreeSet<>(documented);
        undeclared.removeAll(declared);
        undeclared.removeAll(excluded().keySet());
        assertThat(undeclared).as("operations without an access rule in %s", getClass().getSimpleName()).isEmpty();
        Set<String> unknown = new TreeSet<>(declared);
        unknown.removeAll(documented);
        assertThat(unknown).as("declared operations that the OpenAPI document does not have").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleGetsWhatItsRuleAllowsAndNothingElse() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations(world())) {
            Objects.requireNonNull(op.call, () -> op.key() + " has no call");
            for (Role role : Role.values()) {
                for (Subject subject : Subject.values()) {
                    boolean allowed = op.allows(role, subject);
                    String name = op.key() + " as " + role + " on " + subject + (allowed ? ": allowed" : ": refused");
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        Response response = op.call.apply(given().auth().oauth2(token(role)), subject);
                        int status = response.statusCode();
                        if (allowed) {
                            assertThat(status).as("%s answered %s: %s", name, status, response.asString())
                                    .isNotIn(401, 403, 404).isLessThan(500);
                            // what a client generator was told: the status is one the operation documents, and a
                            // JSON body is what its schema says
                            assertThat(documentedStatuses().get(op.key())).as("statuses %s documents", op.key())
                                    .contains(Integer.toString(status));
                            JsonNode schema = document().path("paths").path(op.path).path(op.method.toLowerCase())
                                    .at("/responses/" + status + "/content/application~1json/schema");
                            if (status < 300 && !schema.isMissingNode() && response.contentType().startsWith("application/json")) {
                                assertThat(new DocumentedExamples(document()).violations(schema,
                                        new ObjectMapper().readTree(response.asString())))
                                        .as("%s: the body against the documented schema", name).isEmpty();
                            }
                        } else {
                            assertThat(status).as("%s answered %s: %s", name, status, response.asString())
                                    .isIn(403, 404);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static JsonNode document;
    private static Map<String, Set<String>> documentedStatuses;

    /** The service's {@code /q/openapi}, read once. */
    private static JsonNode document() throws Exception {
        if (document == null) {
            document = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
        }
        return document;
    }

    /** The response statuses the service's {@code /q/openapi} documents, by {@code METHOD /path}. */
    private static Map<String, Set<String>> documentedStatuses() throws Exception {
        if (documentedStatuses == null) {
            Map<String, Set<String>> statuses = new HashMap<>();
            for (Map.Entry<String, JsonNode> path : document().path("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    Set<String> documented = new TreeSet<>();
                    method.getValue().path("responses").fieldNames().forEachRemaining(documented::add);
                    statuses.put(method.getKey().toUpperCase() + " " + path.getKey(), documented);
                }
            }
            documentedStatuses = statuses;
        }
        return documentedStatuses;
    }

    /** {@code METHOD /path} of every operation under {@code /api/v1} in the service's {@code /q/openapi}. */
    protected static Set<String> documentedOperations() throws Exception {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        JsonNode paths = new ObjectMapper().readTree(document).path("paths");
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (List.of("get", "put", "post", "patch", "delete").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }
}
