package cn.lianxin.member;

import static cn.lianxin.testing.RoleScopeContract.Role.ADMIN;
import static cn.lianxin.testing.RoleScopeContract.Role.LIAISON;
import static cn.lianxin.testing.RoleScopeContract.Role.MEMBER;
import static cn.lianxin.testing.RoleScopeContract.Role.ORG_ADMIN;
import static io.restassured.http.ContentType.JSON;

import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.member.rest.RosterResource;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RoleScopeContract;

/** docs/domain.md §6 over every operation of member-service; the requests and the world are in {@link RoleScopeRequests}. */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class RoleScopeTest extends RoleScopeContract {

    private static final String M = "/api/v1/members/{id}", O = "/api/v1/orgs/{id}", F = "/api/v1/members/{memberId}/outflows";
    private static final RoleScopeRequests Q = new RoleScopeRequests();

    @Override protected World createWorld() { return Q.createWorld(); }

    @Override
    protected List<Operation> operations(World w) {
        return List.of(
                operation("POST", "/api/v1/orgs").call((r, s) -> r.contentType(JSON).body(Fixtures.orgJson(w.committee(), "BRANCH", "新支部" + Fixtures.suffix())).post("/api/v1/orgs")).allow(ADMIN, ORG_ADMIN),
                operation("GET", O).call((r, s) -> r.get(O, w.branch())).allow(READERS),
                operation("PATCH", O).call((r, s) -> r.contentType(JSON).header("If-Match", "*").body("{\"webAddress\": \"https://dj.example.cn/b\"}").patch(O, w.branch())).allow(ADMIN, ORG_ADMIN),
                operation("GET", O + "/children").call((r, s) -> r.get(O + "/children", w.branch())).allow(READERS),
                operation("GET", "/api/v1/orgs/{orgId}/members").call((r, s) -> r.get("/api/v1/orgs/{orgId}/members", w.branch())).allow(READERS),
                operation("GET", O + "/reviews").call((r, s) -> r.get(O + "/reviews", w.branch())).allow(READERS),
                operation("POST", O + "/roster").call((r, s) -> r.contentType(RosterResource.XLSX).body(RoleScopeRequests.roster()).post(O + "/roster", w.branch())).allow(WRITERS),
                operation("GET", O + "/roster-imports/{importId}").call((r, s) -> r.get(O + "/roster-imports/{i}", w.branch(), Q.rosterImport())).allow(WRITERS),
                operation("GET", O + "/roster.xlsx").call((r, s) -> r.get(O + "/roster.xlsx", w.branch())).allow(READERS),
                operation("POST", "/api/v1/members").call((r, s) -> r.contentType(JSON).body(Fixtures.memberJson(w.branch(), "范新人", TestIds.fresh())).post("/api/v1/members")).allow(WRITERS),
                operation("GET", M).call((r, s) -> r.get(M, w.member(s))).allow(ADMIN, ORG_ADMIN, Role.SECRETARY, Role.AUDITOR, LIAISON),
                operation("PATCH", M).call((r, s) -> r.contentType(JSON).header("If-Match", "*").body("{\"occupation\": \"工程师\"}").patch(M, w.member(s))).allow(WRITERS),
                operation("POST", M + "/id-number/reveal").call((r, s) -> r.contentType(JSON).body("{\"reason\": \"核对档案\"}").post(M + "/id-number/reveal", w.member(s))).allow(ORG_ADMIN),
                operation("PUT", M + "/id-number").call((r, s) -> r.contentType(JSON).header("If-Match", "*").body("{\"idNumber\": \"" + TestIds.fresh() + "\", \"reason\": \"录入错误\"}").put(M + "/id-number", w.member(s))).allow(ADMIN, ORG_ADMIN),
                operation("PUT", M + "/liaison").call((r, s) -> r.contentType(JSON).header("If-Match", "*").body(RoleScopeRequests.liaisonFor(w, s)).put(M + "/liaison", w.member(s))).allow(WRITERS),
                operation("GET", M + "/standing-history").call((r, s) -> r.get(M + "/standing-history", w.member(s))).allow(READERS),
                operation("POST", M + "/standing-changes").call((r, s) -> Q.standingChange(r)).allow(WRITERS),
                operation("GET", M + "/standing-changes/{changeId}").call((r, s) -> r.get(M + "/standing-changes/{c}", Q.deceased(), Q.death())).allow(READERS),
                operation("GET", M + "/contact-card.png").call((r, s) -> r.get(M + "/contact-card.png", w.member(s))).allow(ADMIN, ORG_ADMIN, Role.SECRETARY, Role.AUDITOR, MEMBER),
                operation("POST", M + "/reviews").call((r, s) -> r.contentType(JSON).body("{\"year\": 2026, \"verifiedAt\": \"2026-02-01\"}").post(M + "/reviews", w.member(s))).allow(WRITERS),
                operation("GET", M + "/reviews/{reviewId}").call((r, s) -> r.get(M + "/reviews/{r}", w.member(s), Q.reviewOf(w.member(s)))).allow(READERS),
                operation("POST", F).call((r, s) -> r.contentType(JSON).body(OutflowTest.COMPLETE).post(F, w.member(s))).allow(WRITERS),
                operation("GET", F).call((r, s) -> r.get(F, w.member(s))).allow(ADMIN, ORG_ADMIN, Role.SECRETARY, Role.AUDITOR, LIAISON),
                operation("GET", F + "/{outflowId}").call((r, s) -> r.get(F + "/{o}", w.member(s), Q.outflowOf(w.member(s)))).allow(ADMIN, ORG_ADMIN, Role.SECRETARY, Role.AUDITOR, LIAISON),
                operation("POST", F + "/{outflowId}/report-in").call((r, s) -> r.contentType(JSON).body("{}").post(F + "/{o}/report-in", w.member(s), Q.outflowOf(w.member(s)))).allow(ADMIN, ORG_ADMIN, Role.SECRETARY, LIAISON),
                operation("POST", F + "/{outflowId}/return").call((r, s) -> r.contentType(JSON).body("{}").post(F + "/{o}/return", w.member(s), Q.outflowOf(w.member(s)))).allow(ADMIN, ORG_ADMIN, Role.SECRETARY, LIAISON),
                operation("POST", "/api/v1/transfers").call((r, s) -> r.contentType(JSON).body(RoleScopeRequests.transferJson(w.member(s), Q.otherBranch())).post("/api/v1/transfers")).allow(WRITERS),
                operation("GET", "/api/v1/transfers").call((r, s) -> r.queryParam("orgId", w.branch()).get("/api/v1/transfers")).allow(READERS),
                operation("GET", "/api/v1/transfers/{id}").call((r, s) -> r.get("/api/v1/transfers/{id}", Q.transfer())).allow(READERS),
                operation("POST", "/api/v1/transfers/{id}/receipt").call((r, s) -> Q.receipt(r)).allow(WRITERS),
                operation("GET", "/api/v1/audit/id-number-reveals").call((r, s) -> r.queryParam("orgId", w.branch()).get("/api/v1/audit/id-number-reveals")).allow(ORG_ADMIN, Role.AUDITOR),
                operation("GET", "/api/v1/audit/id-number-corrections").call((r, s) -> r.queryParam("orgId", w.branch()).get("/api/v1/audit/id-number-corrections")).allow(ORG_ADMIN, Role.AUDITOR),
                operation("GET", "/api/v1/audit/standing-changes").call((r, s) -> r.queryParam("orgId", w.branch()).get("/api/v1/audit/standing-changes")).allow(ORG_ADMIN, Role.AUDITOR),
                operation("GET", "/api/v1/audit/contact-confirmations").call((r, s) -> r.queryParam("orgId", w.branch()).get("/api/v1/audit/contact-confirmations")).allow(ORG_ADMIN, Role.AUDITOR),
                operation("GET", "/api/v1/audit/handshake-confirmations").call((r, s) -> r.queryParam("orgId", w.branch()).get("/api/v1/audit/handshake-confirmations")).allow(ORG_ADMIN, Role.AUDITOR),
                operation("GET", "/api/v1/audit/duplicate-hits").call((r, s) -> r.queryParam("orgId", w.branch()).get("/api/v1/audit/duplicate-hits")).allow(ORG_ADMIN, Role.AUDITOR),
                operation("POST", M + "/contact-confirmations").call((r, s) -> r.contentType(JSON).post(M + "/contact-confirmations", w.member(s))).allow(ADMIN, ORG_ADMIN, Role.SECRETARY, LIAISON),
                operation("GET", O + "/handshakes").call((r, s) -> r.get(O + "/handshakes", w.branch())).allow(READERS),
                operation("GET", O + "/contact-verifications").call((r, s) -> r.get(O + "/contact-verifications", w.branch())).allow(READERS),
                operation("GET", O + "/reconciliation").call((r, s) -> r.get(O + "/reconciliation", w.branch())).allow(ADMIN, ORG_ADMIN, Role.AUDITOR),
                operation("GET", O + "/reconciliation.xlsx").call((r, s) -> r.get(O + "/reconciliation.xlsx", w.branch())).allow(ADMIN, ORG_ADMIN, Role.AUDITOR),
                operation("POST", O + "/roster-filings").call((r, s) -> r.contentType(JSON).body("{\"year\": 2026}").post(O + "/roster-filings", w.branch())).allow(WRITERS),
                operation("GET", O + "/roster-filings").call((r, s) -> r.get(O + "/roster-filings", w.branch())).allow(READERS),
                operation("GET", O + "/roster-filings/unfiled").call((r, s) -> r.get(O + "/roster-filings/unfiled", w.branch())).allow(READERS),
                operation("GET", "/api/v1/roster-filings/{filingId}").call((r, s) -> r.get("/api/v1/roster-filings/{f}", Q.filing())).allow(READERS),
                operation("GET", "/api/v1/roster-filings/{filingId}/roster.xlsx").call((r, s) -> r.get("/api/v1/roster-filings/{f}/roster.xlsx", Q.filing())).allow(READERS),
                operation("POST", "/api/v1/roster-filings/{filingId}/acknowledgement").call((r, s) -> r.contentType(JSON).body("{}").post("/api/v1/roster-filings/{f}/acknowledgement", Q.filing())).allow(ADMIN, ORG_ADMIN),
                operation("POST", "/api/v1/roster-filings/{filingId}/return").call((r, s) -> r.contentType(JSON).body("{\"remarks\": \"请补充\"}").post("/api/v1/roster-filings/{f}/return", Q.filing())).allow(ADMIN, ORG_ADMIN),
                operation("POST", "/api/v1/scans").call((r, s) -> r.contentType(JSON).body("{\"asOf\": \"2020-01-01T00:00:00+08:00\"}").post("/api/v1/scans")).allow(ADMIN),
                operation("POST", "/api/v1/admin/pii/re-encryption").call((r, s) -> r.queryParam("limit", 0).post("/api/v1/admin/pii/re-encryption")).allow(ADMIN));
    }
}
