package cn.lianxin.cases;

import static cn.lianxin.cases.support.CaseFixture.json;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.cases.support.CaseFixture;
import cn.lianxin.cases.support.LookupFixture;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RoleScopeContract;

/** §6 in case-service; writes that would spoil the world's open cases (found, decide, follow up) use fresh cases. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RoleScopeTest extends RoleScopeContract {

    private static final CaseFixture FX = new CaseFixture();
    private static final Map<String, Object> ATTEMPT = Map.of("at", FX.madeAt, "channel", "PHONE", "result", "LEAD"),
            VISIT = Map.of("at", FX.madeAt, "result", "SEEN_OK");
    private static CaseFixture.Tree tree;

    @Override
    protected World createWorld() {
        return FX.roleScopeWorld(tree = FX.tree());
    }

    @Override // as the contract's default, but platform's projection resource names its parameter {orgId}, not {id}
    protected Map<String, String> excluded() {
        return Map.of("GET /api/v1/projections/orgs/{orgId}", "projection", "GET /api/v1/time", "clock", "PUT /api/v1/time", "clock");
    }

    /** The Locations of an attempt on the subject's case, and of a decision and a follow-up on a case of theirs. */
    record Created(String attempt, String decision, String followUp) {
    }

    private static final Map<Subject, Created> CREATED = new java.util.EnumMap<>(Subject.class);

    /** Made once per subject, by an admin: the reads are what the matrix checks. */
    private static Created created(World w, Subject s) {
        return CREATED.computeIfAbsent(s, subject -> {
            String attempt = json(admin(), ATTEMPT).post("/api/v1/cases/{id}/attempts", FX.awaitCase(w.member(s))).then()
                    .statusCode(201).extract().header("Location");
            UUID found = FX.foundCase(tree, s == Subject.OWN ? w.liaisonMember() : null);
            String decision = json(admin(), Map.of("type", "REINTEGRATED")).post("/api/v1/cases/{id}/decisions", found)
                    .then().statusCode(201).extract().header("Location");
            String followUp = json(admin(), VISIT).post("/api/v1/cases/{id}/follow-ups", found).then().statusCode(201)
                    .extract().header("Location");
            return new Created(attempt, decision, followUp);
        });
    }

    /** A lookup of the subject's case, asked by the branch secretary and read by the matrix, made once per subject. */
    private static final Map<Subject, UUID> LOOKUPS = new java.util.EnumMap<>(Subject.class);

    private static UUID lookupOf(World w, Subject s) {
        return LOOKUPS.computeIfAbsent(s, subject -> freshLookup(w, subject));
    }

    /** A new lookup of the subject's case awaiting approval: each decision in the matrix takes its own. */
    private static UUID freshLookup(World w, Subject s) {
        return UUID.fromString(json(io.restassured.RestAssured.given().auth().oauth2(FX.tokens.forRole(
                cn.lianxin.platform.security.Roles.SECRETARY, w.branch())), LookupFixture.publicSecurity())
                .post("/api/v1/cases/{id}/lookups", FX.awaitCase(w.member(s))).then().statusCode(201).extract()
                .path("id"));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return io.restassured.RestAssured.given().auth().oauth2(FX.tokens.admin());
    }

    @Override
    protected List<Operation> operations(World w) {
        return List.of(operation("POST", "/api/v1/cases").allow(WRITERS).call((r, s) -> json(r, Map.of("memberId",
                FX.knownMember(tree, null), "situation", "MOVED", "lostSince", "2026-01-15")).post("/api/v1/cases")),
            operation("GET", "/api/v1/cases").allow(READERS).allow(Role.LIAISON)
                .call((r, s) -> r.queryParam("memberId", w.member(s)).get("/api/v1/cases")),
            operation("GET", "/api/v1/cases/{id}").allow(READERS).allow(Role.LIAISON)
                .call((r, s) -> r.get("/api/v1/cases/{id}", FX.awaitCase(w.member(s)))),
            operation("PATCH", "/api/v1/cases/{id}").allow(WRITERS).call((r, s) -> json(r, Map.of("cause", "外出务工")).header("If-Match", "*")
                .patch("/api/v1/cases/{id}", FX.awaitCase(w.member(s)))),
            operation("POST", "/api/v1/cases/{id}/attempts").allow(WRITERS).allow(Role.LIAISON)
                .call((r, s) -> json(r, ATTEMPT).post("/api/v1/cases/{id}/attempts", FX.awaitCase(w.member(s)))),
            operation("POST", "/api/v1/cases/{id}/found").allow(WRITERS).call((r, s) -> json(r, Map.of("at", FX.madeAt,
                "how", "亲属告知")).post("/api/v1/cases/{id}/found", FX.openCase(tree, null))),
            operation("POST", "/api/v1/cases/{id}/decisions").allow(WRITERS).call((r, s) -> json(r, Map.of("type",
                "REINTEGRATED")).post("/api/v1/cases/{id}/decisions", FX.foundCase(tree, null))),
            operation("POST", "/api/v1/cases/{id}/follow-ups").allow(WRITERS).allow(Role.LIAISON).call((r, s) -> json(r, VISIT)
                .post("/api/v1/cases/{id}/follow-ups", FX.followUpCase(tree, s == Subject.OWN ? w.liaisonMember() : null))),
            operation("GET", "/api/v1/cases/{id}/attempts/{attemptId}").allow(READERS).allow(Role.LIAISON)
                .call((r, s) -> r.get(created(w, s).attempt())),
            operation("GET", "/api/v1/cases/{id}/decisions/{decisionId}").allow(READERS).allow(Role.LIAISON)
                .call((r, s) -> r.get(created(w, s).decision())),
            operation("GET", "/api/v1/cases/{id}/follow-ups/{episode}/{no}").allow(READERS).allow(Role.LIAISON)
                .call((r, s) -> r.get(created(w, s).followUp())),
            operation("GET", "/api/v1/members/{memberId}/cases").allow(READERS).allow(Role.LIAISON)
                .call((r, s) -> r.get("/api/v1/members/{id}/cases", w.member(s))),
            operation("POST", "/api/v1/scans").allow(Role.ADMIN)
                .call((r, s) -> json(r, Map.of("asOf", "2020-01-01T00:00:00Z")).post("/api/v1/scans")),
            operation("GET", "/api/v1/reports/monthly").allow(READERS).call((r, s) -> r.queryParam("orgId", w.branch())
                .queryParam("month", "2026-01").get("/api/v1/reports/monthly")),
            // 协查: the case owner asks, an organization above the branch (the committee here) decides.
            operation("POST", "/api/v1/cases/{id}/lookups").allow(WRITERS).call((r, s) -> json(r,
                LookupFixture.publicSecurity()).post("/api/v1/cases/{id}/lookups", FX.awaitCase(w.member(s)))),
            operation("GET", "/api/v1/cases/{id}/lookups").allow(READERS)
                .call((r, s) -> r.get("/api/v1/cases/{id}/lookups", FX.awaitCase(w.member(s)))),
            operation("GET", "/api/v1/cases/{id}/lookups/{lookupId}").allow(READERS).call((r, s) -> r.get(
                "/api/v1/cases/{id}/lookups/{lookupId}", FX.awaitCase(w.member(s)), lookupOf(w, s))),
            operation("POST", "/api/v1/cases/{id}/lookups/{lookupId}/approval").allow(Role.ORG_ADMIN).call((r, s) -> json(r,
                Map.of("note", "协查函已送达")).post("/api/v1/cases/{id}/lookups/{lookupId}/approval",
                FX.awaitCase(w.member(s)), freshLookup(w, s))),
            operation("POST", "/api/v1/cases/{id}/lookups/{lookupId}/refusal").allow(Role.ORG_ADMIN).call((r, s) -> json(r,
                Map.of("reason", "依据不足")).post("/api/v1/cases/{id}/lookups/{lookupId}/refusal",
                FX.awaitCase(w.member(s)), freshLookup(w, s))),
            operation("GET", "/api/v1/lookups/awaiting-approval").allow(Role.ADMIN, Role.ORG_ADMIN)
                .call((r, s) -> r.get("/api/v1/lookups/awaiting-approval")));
    }
}
