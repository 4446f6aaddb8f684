package cn.lianxin.cases.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.cases.service.LookupCommands.ApproveLookup;
import cn.lianxin.cases.service.LookupCommands.RefuseLookup;
import cn.lianxin.cases.service.LookupCommands.RequestLookup;
import cn.lianxin.cases.service.LookupQueries;
import cn.lianxin.cases.service.LookupService;
import cn.lianxin.cases.service.LookupViews.LookupView;
import cn.lianxin.platform.idempotency.Idempotency;
import cn.lianxin.platform.security.Roles;

/**
 * 联合公安、电信、社保、房管 查询: the case owner asks a department for a lookup with its legal basis; an organization above
 * the member's branch approves (then, and only then, the request is sent) or refuses it.
 */
@Path("/api/v1/cases/{id}/lookups")
@Tag(name = "Lookups", description = "协查: lookups of a lost member by 公安, 电信运营商, 社保 and 房管, approved by the superior organization")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LookupResource {

    private final LookupService lookups;
    private final LookupQueries queries;
    private final Idempotency idempotency;

    public LookupResource(LookupService lookups, LookupQueries queries, Idempotency idempotency) {
        this.lookups = lookups;
        this.queries = queries;
        this.idempotency = idempotency;
    }

    /** By the case owner: the branch secretary, or an organization administrator of a subtree holding the branch. */
    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201", description = "The lookup request (协查请求), waiting for the superior "
            + "organization's approval: nothing is sent before; Location: the request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LookupView.class)))
    public Response request(@PathParam("id") UUID id, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            RequestLookup request) {
        return idempotency.once(idempotencyKey, request, () -> {
            UUID lookupId = lookups.request(id, request);
            return Response.created(URI.create(path(id, lookupId))).entity(queries.get(id, lookupId)).build();
        });
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public List<LookupView> list(@PathParam("id") UUID id) {
        return queries.ofCase(id);
    }

    @GET
    @Path("/{lookupId}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public LookupView get(@PathParam("id") UUID id, @PathParam("lookupId") UUID lookupId) {
        return queries.get(id, lookupId);
    }

    /**
     * 上级党组织审批: by an organization administrator of an organization above the member's branch, never by the one
     * who asked (403). The request leaves for the department (LookupRequested on lookup.requests) in the same
     * transaction.
     */
    @POST
    @Path("/{lookupId}/approval")
    @RolesAllowed(Roles.ORG_ADMIN)
    public LookupView approve(@PathParam("id") UUID id, @PathParam("lookupId") UUID lookupId, ApproveLookup request) {
        lookups.approve(id, lookupId, request);
        return queries.get(id, lookupId);
    }

    /** 不予批准, with the reason: by whoever may approve; nothing is sent. */
    @POST
    @Path("/{lookupId}/refusal")
    @RolesAllowed(Roles.ORG_ADMIN)
    public LookupView refuse(@PathParam("id") UUID id, @PathParam("lookupId") UUID lookupId, RefuseLookup request) {
        lookups.refuse(id, lookupId, request);
        return queries.get(id, lookupId);
    }

    private static String path(UUID caseId, UUID lookupId) {
        return "/api/v1/cases/" + caseId + "/lookups/" + lookupId;
    }
}
