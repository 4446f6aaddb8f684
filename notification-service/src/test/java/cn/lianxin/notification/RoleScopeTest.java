package cn.lianxin.notification;

import static cn.lianxin.testing.RoleScopeContract.Role.ADMIN;
import static cn.lianxin.testing.RoleScopeContract.Role.AUDITOR;
import static cn.lianxin.testing.RoleScopeContract.Role.ORG_ADMIN;
import static io.restassured.http.ContentType.JSON;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.notification.support.PeersTestResource;
import cn.lianxin.notification.support.RoleScopeRequests;
import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.testing.RoleScopeContract;

/**
 * docs/domain.md §6 over every operation of notification-service: staff read their subtree, auditors read, staff retry;
 * templates are one text for the whole deployment, so only ADMIN edits them. LIAISON and MEMBER have nothing here.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
@WithTestResource(PeersTestResource.class)
class RoleScopeTest extends RoleScopeContract {

    private static final String N = "/api/v1/notifications/{id}", T = "/api/v1/templates";

    @Inject
    EntityManager em;

    private static RoleScopeRequests q;

    @Override
    protected World createWorld() {
        q = new RoleScopeRequests(em);
        return q.createWorld();
    }

    @Override
    protected Map<String, String> excluded() {
        return Map.of("GET /api/v1/projections/orgs/{orgId}", "consumers' org projection (OrgProjectionConsumerContract)",
                "GET /api/v1/time", "the service clock (ServiceSurfaceContract)", "PUT /api/v1/time", "time travel (ServiceSurfaceContract)");
    }

    @Override
    protected List<Operation> operations(World w) {
        return List.of(
                operation("GET", "/api/v1/notifications").call((r, s) -> r.queryParam("memberId", w.member(s)).get("/api/v1/notifications")).allow(READERS),
                operation("GET", N).call((r, s) -> r.get(N, q.notificationAbout(w.member(s)))).allow(READERS),
                operation("POST", N + "/retry").call((r, s) -> r.post(N + "/retry", q.failedAbout(w.member(s)))).allow(WRITERS),
                operation("GET", T).call((r, s) -> r.get(T)).allow(ADMIN, ORG_ADMIN, AUDITOR),
                operation("GET", T + "/{key}").call((r, s) -> r.get(T + "/{key}", "case-opened")).allow(ADMIN, ORG_ADMIN, AUDITOR),
                // the text as it stands, so that an allowed edit leaves the fixture unchanged
                operation("PUT", T + "/{key}").call((r, s) -> r.contentType(JSON).header("If-Match", "*").body(q.template("case-opened")).put(T + "/{key}", "case-opened")).allow(ADMIN));
    }
}
