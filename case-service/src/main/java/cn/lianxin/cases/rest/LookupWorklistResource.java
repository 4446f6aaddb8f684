package cn.lianxin.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.cases.service.LookupQueries;
import cn.lianxin.cases.service.LookupViews.PendingLookup;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.security.Roles;

/** The superior organization's work list: lookups (协查) of its subtree awaiting its approval. */
@Path("/api/v1/lookups/awaiting-approval")
@Tag(name = "Lookups", description = "协查: lookups of a lost member by 公安, 电信运营商, 社保 and 房管, approved by the superior organization")
@Produces(MediaType.APPLICATION_JSON)
public class LookupWorklistResource {

    private final LookupQueries queries;

    public LookupWorklistResource(LookupQueries queries) {
        this.queries = queries;
    }

    /** Oldest first; {@code orgId} defaults to the caller's org. An org's own requests are left out: it may not decide them. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN })
    public Page<PendingLookup> awaitingApproval(@QueryParam("orgId") String orgId, @Valid @BeanParam PageRequest page) {
        return queries.awaitingApproval(QueryParams.uuid("orgId", orgId), page);
    }
}
