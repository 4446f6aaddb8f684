package cn.lianxin.tracking.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.tracking.domain.Campaign;
import cn.lianxin.tracking.service.CampaignCommands.OpenCampaign;
import cn.lianxin.tracking.service.CampaignService;
import cn.lianxin.tracking.service.CampaignViews.CampaignSummary;
import cn.lianxin.tracking.service.CampaignViews.CampaignView;
import cn.lianxin.tracking.service.CampaignViews.Progress;
import cn.lianxin.tracking.service.CampaignViews.UnaccountedMember;

/**
 * 专项排查 campaigns (docs/domain.md §7): opened and closed early by an ORG_ADMIN; followed by every reader of the
 * subtree, each seeing the rows of the branches in their own subtree (a branch secretary: their branch).
 */
@Path("/api/v1/campaigns")
@Tag(name = "Campaigns", description = "专项排查: every member in scope accounted for within a window (default the quarter)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignService campaigns;

    public CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN })
    @Operation(summary = "Open a campaign (专项排查) for an org's subtree",
            description = "The members in scope are fixed now: ACTIVE members of the subtree (with one of the focus "
                    + "tags, when given), each answered for by their branch. Emits CampaignOpened.")
    @APIResponse(responseCode = "201", description = "The campaign; Location: /api/v1/campaigns/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CampaignView.class)))
    public Response open(OpenCampaign request) {
        CampaignView campaign = campaigns.open(request);
        return Response.created(URI.create("/api/v1/campaigns/" + campaign.id())).entity(campaign).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    @Operation(summary = "Campaigns that concern a subtree: opened in it or covering it (the caller's own by default)")
    public Page<CampaignSummary> list(@QueryParam("orgId") UUID orgId, @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        return campaigns.list(orgId, status(status), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    @Operation(summary = "A campaign, with the figures of the branches the caller may see")
    public CampaignView get(@PathParam("id") UUID id) {
        return campaigns.get(id);
    }

    @GET
    @Path("/{id}/progress")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    @Operation(summary = "Progress per branch: accounted for / in scope",
            description = "Now for an open campaign; the stored final figures of a closed one.")
    public Progress progress(@PathParam("id") UUID id, @QueryParam("orgId") UUID orgId) {
        return campaigns.progress(id, orgId);
    }

    @GET
    @Path("/{id}/unaccounted")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    @Operation(summary = "The members not (yet) accounted for, by branch, with their last contacts and why not")
    public Page<UnaccountedMember> unaccounted(@PathParam("id") UUID id, @QueryParam("orgId") UUID orgId,
            @Valid @BeanParam PageRequest page) {
        return campaigns.unaccounted(id, orgId, page);
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN })
    @Operation(summary = "Close a campaign before its end: its figures are taken now and kept",
            description = "An ORG_ADMIN of the campaign's org (or above it). Emits CampaignClosed; 409 when closed already.")
    @APIResponse(responseCode = "200", description = "The closed campaign with its final figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "409", description = "The campaign is closed already")
    public CampaignView close(@PathParam("id") UUID id) {
        return campaigns.close(id);
    }

    private static Campaign.Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Campaign.Status.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be OPEN or CLOSED");
        }
    }
}
