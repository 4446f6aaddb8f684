package cn.lianxin.member.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

import cn.lianxin.member.service.RosterImport;
import cn.lianxin.member.service.RosterImportJobs;
import cn.lianxin.member.service.RosterViews.RosterImportJob;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;

/** 党员花名册 import: the documented column layout is {@code RosterColumn}. */
@Path("/api/v1/orgs/{id}/roster")
@Tag(name = "Roster", description = "党员花名册: .xlsx import and export")
public class RosterResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RosterImportJobs imports;

    public RosterResource(RosterImportJobs imports) {
        this.imports = imports;
    }

    /**
     * Starts an import job: 202 with the job and its Location ({@code /orgs/{id}/roster-imports/{importId}}), to be
     * read until its status is SUCCEEDED, REFUSED, FAILED or ABANDONED. All-or-nothing by default (a row error
     * refuses the whole file, nothing imported); {@code ?mode=valid-rows} imports the valid rows and reports the
     * others. A file beyond the upload bounds answers 413 at once, a busy instance 503.
     */
    @POST
    @Consumes({ XLSX, MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    @APIResponse(responseCode = "202", description = "The import job, queued; its Location reports its progress and outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RosterImportJob.class)))
    public Response importRoster(@PathParam("id") UUID orgId, @QueryParam("mode") String mode, InputStream body) {
        RosterImport.Mode chosen = mode(mode);
        UUID job = imports.submit(orgId, body, chosen);
        RosterImportJob accepted = imports.find(orgId, job);
        return Response.accepted(accepted).location(URI.create("/api/v1/orgs/" + orgId + "/roster-imports/" + job)).build();
    }

    private static RosterImport.Mode mode(String mode) {
        if (mode == null || mode.isBlank() || mode.equals("all-or-nothing")) {
            return RosterImport.Mode.ALL_OR_NOTHING;
        }
        if (mode.equals("valid-rows")) {
            return RosterImport.Mode.VALID_ROWS;
        }
        throw ProblemException.invalidField("mode", "must be all-or-nothing (default) or valid-rows");
    }
}
