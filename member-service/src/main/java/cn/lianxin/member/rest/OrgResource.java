package cn.lianxin.member.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.jboss.resteasy.reactive.RestResponse;

import cn.lianxin.member.service.OrgCommands.CreateOrg;
import cn.lianxin.member.service.OrgCommands.UpdateOrg;
import cn.lianxin.member.service.OrgService;
import cn.lianxin.member.service.OrgViews.OrgView;
import cn.lianxin.platform.api.IfMatch;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/orgs")
@Tag(name = "Organizations", description = "党组织: the organization tree")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgResource {

    private final OrgService orgs;

    public OrgResource(OrgService orgs) {
        this.orgs = orgs;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN })
    @APIResponse(responseCode = "201", description = "Created (党组织); Location: /api/v1/orgs/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgView.class)))
    public Response create(CreateOrg request) {
        OrgView org = orgs.create(request);
        return Response.created(URI.create("/api/v1/orgs/" + org.id())).entity(org).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public RestResponse<OrgView> get(@PathParam("id") UUID id) {
        return orgs.get(id).ok();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN })
    public RestResponse<OrgView> update(@PathParam("id") UUID id, @HeaderParam(IfMatch.HEADER) String ifMatch,
            UpdateOrg request) {
        return orgs.update(id, IfMatch.of(ifMatch), request).ok();
    }

    @GET
    @Path("/{id}/children")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public List<OrgView> children(@PathParam("id") UUID id) {
        return orgs.children(id);
    }
}
