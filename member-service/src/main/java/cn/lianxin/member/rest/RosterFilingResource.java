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

/** 花名册备案: one filing — read it, download it as filed, and the superior committee's acknowledgement or return. */
@Tag(name = "Roster filing", description = "花名册备案")
@Path("/api/v1/roster-filings/{filingId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RosterFilingResource {

    private final RosterFilingService filings;

    public RosterFilingResource(RosterFilingService filings) {
        this.filings = filings;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public RosterFilingView get(@PathParam("filingId") UUID filingId) {
        return filings.get(filingId);
    }

    /** The filed roster byte for byte; its SHA-256 in {@code Repr-Digest} (RFC 9530) and as the ETag. */
    @GET
    @Path("/roster.xlsx")
    @Produces(RosterResource.XLSX)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public Response download(@PathParam("filingId") UUID filingId) {
        RosterFile file = filings.content(filingId);
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(file.contentHash()));
        return Response.ok(file.content())
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .header("ETag", "\"" + file.contentHash() + "\"")
                .header("Content-Disposition", "attachment; filename=\"roster-" + file.orgId() + "-" + file.year() + "-v"
                        + file.version() + ".xlsx\"")
                .build();
    }

    /** 备案留存: the superior committee (an 组织员 above the branch) acknowledges a FILED filing; 409 otherwise. */
    @POST
    @Path("/acknowledgement")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN })
    public RosterFilingView acknowledge(@PathParam("filingId") UUID filingId, Decision request) {
        return filings.acknowledge(filingId, request);
    }

    /** 退回: the superior committee returns a FILED filing with remarks (required); the branch files again. */
    @POST
    @Path("/return")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN })
    public RosterFilingView returnToBranch(@PathParam("filingId") UUID filingId, Decision request) {
        return filings.returnToBranch(filingId, request);
    }
}
