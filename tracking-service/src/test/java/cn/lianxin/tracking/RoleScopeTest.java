package cn.lianxin.tracking;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RoleScopeContract;

/** docs/domain.md §6 over every tracking endpoint: a LIAISON acts for their assigned members, a MEMBER only checks in. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RoleScopeTest extends RoleScopeContract {

    private static final String JSON = "application/json", AT = "2024-01-10T09:00:00+08:00";
    @Inject cn.lianxin.tracking.World fixture;

    @Override
    protected World createWorld() {
        UUID committee = fixture.committee(), branch = fixture.branch(committee, "权限支部");
        UUID liaison = fixture.register(branch, AT), own = fixture.register(branch, AT);
        fixture.assignLiaison(own, branch, liaison);
        UUID other = fixture.register(branch, AT);
        contacts.put(Subject.OWN, recorded(own));
        contacts.put(Subject.OTHER, recorded(other));
        campaign = io.restassured.RestAssured.given()
                .auth().oauth2(cn.lianxin.testing.Tokens.forTests().forRole(cn.lianxin.platform.security.Roles.ORG_ADMIN, committee))
                .contentType(JSON).body(Map.of("orgId", committee.toString(), "name", "权限专项排查")).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id");
        return new World(committee, branch, liaison, own, other);
    }

    /** A campaign (专项排查) of the committee, for the campaign operations. */
    private static String campaign;

    /** A contact about each subject, for GET /api/v1/contacts/{id}. */
    private static final Map<Subject, String> contacts = new java.util.EnumMap<>(Subject.class);

    private String recorded(UUID member) {
        return fixture.contact(member, "2024-02-01T09:30:00+08:00", "PHONE", "REACHED").statusCode(201)
                .extract().path("id");
    }

    @Override // a liaison's work list is their own, a member checks in for themselves: naming another is refused
    protected List<Operation> operations(World w) {
        return List.of(operation("POST", "/api/v1/contacts").allow(WRITERS).allow(Role.LIAISON)
                        .call((r, s) -> r.contentType(JSON).body(contact(w.member(s))).post("/api/v1/contacts")),
                operation("POST", "/api/v1/contacts/batch").allow(WRITERS).call((r, s) -> r.contentType(JSON)
                        .body(Map.of("items", List.of(contact(w.member(s))))).post("/api/v1/contacts/batch")),
                operation("GET", "/api/v1/contacts/{id}").allow(READERS).allow(Role.LIAISON)
                        .call((r, s) -> r.get("/api/v1/contacts/{id}", contacts.get(s))),
                operation("GET", "/api/v1/members/{memberId}/contacts").allow(READERS).allow(Role.LIAISON)
                        .call((r, s) -> r.get("/api/v1/members/{id}/contacts", w.member(s))),
                operation("GET", "/api/v1/members/{memberId}/contact-status").allow(READERS).allow(Role.LIAISON)
                        .call((r, s) -> r.get("/api/v1/members/{id}/contact-status", w.member(s))),
                operation("GET", "/api/v1/worklists/overdue").allow(READERS).allow(Role.LIAISON).call((r, s) -> r.queryParam(
                        "liaisonId", s == Subject.OWN ? w.liaisonMember() : w.otherMember()).get("/api/v1/worklists/overdue")),
                operation("GET", "/api/v1/orgs/{orgId}/compliance").allow(READERS)
                        .call((r, s) -> r.get("/api/v1/orgs/{id}/compliance", w.branch())),
                // 目标责任考核: a liaison reads their own row only, like their work list
                operation("GET", "/api/v1/orgs/{orgId}/accountability").allow(READERS).allow(Role.LIAISON).call((r, s) -> r.queryParam(
                        "liaisonId", s == Subject.OWN ? w.liaisonMember() : w.otherMember()).get("/api/v1/orgs/{id}/accountability", w.branch())),
                // 流失风险: a liaison's at-risk list is their own, like the work list
                operation("GET", "/api/v1/orgs/{orgId}/at-risk").allow(READERS).allow(Role.LIAISON).call((r, s) -> r.queryParam(
                        "liaisonId", s == Subject.OWN ? w.liaisonMember() : w.otherMember()).get("/api/v1/orgs/{id}/at-risk", w.branch())),
                operation("GET", "/api/v1/members/{memberId}/risk").allow(READERS).allow(Role.LIAISON)
                        .call((r, s) -> r.get("/api/v1/members/{id}/risk", w.member(s))),
                operation("POST", "/api/v1/scans").allow(Role.ADMIN).call((r, s) -> r.contentType(JSON).body(Map.of("asOf",
                        "2024-05-01T00:00:00+08:00", "orgId", w.committee().toString())).post("/api/v1/scans")),
                operation("POST", "/api/v1/me/check-ins").allow(Role.MEMBER).call((r, s) -> r.contentType(JSON)
                        .body(Map.of("memberId", w.member(s).toString())).post("/api/v1/me/check-ins")),
                // 专项排查: an ORG_ADMIN opens and closes (the first allowed close closes, the next answers 409)
                operation("POST", "/api/v1/campaigns").allow(Role.ADMIN, Role.ORG_ADMIN).call((r, s) -> r.contentType(JSON)
                        .body(Map.of("orgId", w.committee().toString(), "name", "权限排查")).post("/api/v1/campaigns")),
                operation("GET", "/api/v1/campaigns").allow(READERS).call((r, s) -> r.get("/api/v1/campaigns")),
                operation("GET", "/api/v1/campaigns/{id}").allow(READERS)
                        .call((r, s) -> r.get("/api/v1/campaigns/{id}", campaign)),
                operation("GET", "/api/v1/campaigns/{id}/progress").allow(READERS)
                        .call((r, s) -> r.get("/api/v1/campaigns/{id}/progress", campaign)),
                operation("GET", "/api/v1/campaigns/{id}/unaccounted").allow(READERS)
                        .call((r, s) -> r.get("/api/v1/campaigns/{id}/unaccounted", campaign)),
                operation("POST", "/api/v1/campaigns/{id}/close").allow(Role.ADMIN, Role.ORG_ADMIN)
                        .call((r, s) -> r.post("/api/v1/campaigns/{id}/close", campaign)));
    }

    @Override // OpenAPI names the projection's parameter {orgId}; the contract's default exclusion says {id}
    protected Map<String, String> excluded() {
        Map<String, String> excluded = new HashMap<>(super.excluded());
        excluded.put("GET /api/v1/projections/orgs/{orgId}", "consumers' org projection (OrgProjectionConsumerTest)");
        return excluded;
    }

    private static Map<String, String> contact(UUID member) {
        return Map.of("memberId", member.toString(), "at", "2024-04-25T10:00:00+08:00", "channel", "PHONE",
                "outcome", "REACHED", "contactedBy", "陈联络");
    }
}
