package cn.lianxin.member.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.domain.Reconciliation.Kind;
import cn.lianxin.member.service.ReconciliationService;
import cn.lianxin.member.service.ReconciliationViews.ReconciliationReport;
import cn.lianxin.platform.security.Roles;

/** ID reconciliation across the tree (口袋党员, 空挂): the report of an org's subtree. */
@Tag(name = "Reconciliation", description = "口袋党员、空挂排查")
@Path("/api/v1/orgs/{id}/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class OrgReconciliationResource {

    private final ReconciliationService reconciliation;

    public OrgReconciliationResource(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    /**
     * The subtree's lines as of {@code asOf} (default now; a date-time with its offset): duplicate ID-number hits
     * ({@code DUPLICATE_ID}), transfer letters whose receipt is overdue ({@code TRANSFER_NOT_RECEIVED}), members nobody
     * reached for a year without an open case ({@code NO_CONTACT_NO_CASE}), outflows whose report-in the receiving
     * org never confirmed ({@code FLOW_NOT_CONFIRMED}); {@code kind} keeps one of them. Each line names the member
     * (ID number masked), the facts of its kind and what to do next.
     */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.AUDITOR })
    public ReconciliationReport report(@PathParam("id") UUID orgId, @QueryParam("asOf") String asOf,
            @QueryParam("kind") String kind) {
        return reconciliation.report(orgId, QueryParams.instant("asOf", asOf), QueryParams.enumValue("kind", kind, Kind.class));
    }
}
