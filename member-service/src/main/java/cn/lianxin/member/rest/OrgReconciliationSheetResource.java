package cn.lianxin.member.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.domain.Reconciliation.Kind;
import cn.lianxin.member.service.ReconciliationService;
import cn.lianxin.platform.security.Roles;

/** The reconciliation report (口袋党员, 空挂) of an org's subtree as a sheet. */
@Tag(name = "Reconciliation", description = "口袋党员、空挂排查")
@Path("/api/v1/orgs/{id}/reconciliation.xlsx")
public class OrgReconciliationSheetResource {

    private final ReconciliationService reconciliation;

    public OrgReconciliationSheetResource(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** The lines of {@code GET /api/v1/orgs/{id}/reconciliation}, one row each: kind, member, facts in words, next step. */
    @GET
    @Produces(RosterResource.XLSX)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.AUDITOR })
    public Response sheet(@PathParam("id") UUID orgId, @QueryParam("asOf") String asOf, @QueryParam("kind") String kind) {
        byte[] body = reconciliation.sheet(orgId, QueryParams.instant("asOf", asOf),
                QueryParams.enumValue("kind", kind, Kind.class));
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"reconciliation-" + orgId + ".xlsx\"").build();
    }
}
