package cn.lianxin.member.rest;

import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.service.RosterFilingService;
import cn.lianxin.member.service.RosterFilingViews.Decision;
import cn.lianxin.member.service.RosterFilingViews.FileRoster;
import cn.lianxin.member.service.RosterFilingViews.RosterFile;
import cn.lianxin.member.service.RosterFilingViews.RosterFilingView;
import cn.lianxin.member.service.RosterFilingViews.UnfiledList;
import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.security.Roles;

/** 花名册备案 of a subtree: a branch files its roster for a year; the filings; the branches that have not filed. */
@Tag(name = "Roster filing", description = "花名册备案")
@Path("/api/v1/orgs/{id}/roster-filings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgRosterFilingsResource {

    private final RosterFilingService filings;

    public OrgRosterFilingsResource(RosterFilingService filings) {
        this.filings = filings;
    }

    /** Files the branch's roster of {@code year}: a snapshot of the roster export now; 409 while one is FILED or ACKNOWLEDGED. */
    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "201", description = "Filed (花名册备案); Location: /api/v1/roster-filings/{filingId}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RosterFilingView.class)))
    public Response file(@PathParam("id") UUID orgId, FileRoster request) {
        RosterFilingView filing = filings.file(orgId, request);
        return Response.created(URI.create("/api/v1/roster-filings/" + filing.id())).entity(filing).build();
    }

    /** The filings of the subtree for {@code year} (default this year), every version. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public Page<RosterFilingView> list(@PathParam("id") UUID orgId, @QueryParam("year") String year,
            @Valid @BeanParam PageRequest page) {
        return filings.list(orgId, QueryParams.year("year", year), page);
    }

    /** The branches of the subtree without a FILED or ACKNOWLEDGED filing for {@code year}; late once past the deadline. */
    @GET
    @Path("/unfiled")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public UnfiledList unfiled(@PathParam("id") UUID orgId, @QueryParam("year") String year,
            @QueryParam("asOf") String asOf, @Valid @BeanParam PageRequest page) {
        return filings.unfiled(orgId, QueryParams.year("year", year), QueryParams.instant("asOf", asOf), page);
    }
}
