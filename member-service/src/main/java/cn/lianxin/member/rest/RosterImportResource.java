package cn.lianxin.member.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.service.RosterImportJobs;
import cn.lianxin.member.service.RosterViews.RosterImportJob;
import cn.lianxin.platform.security.Roles;

/** A roster import job: its progress, then its report. Seen by whoever may import into its org. */
@Path("/api/v1/orgs/{id}/roster-imports/{importId}")
@Tag(name = "Roster")
public class RosterImportResource {

    private final RosterImportJobs imports;

    public RosterImportResource(RosterImportJobs imports) {
        this.imports = imports;
    }

    /**
     * Rows read, imported, rejected, percent; once the status is terminal (SUCCEEDED, REFUSED, FAILED, ABANDONED) the
     * per-row error report. A job that stopped sending its heartbeat is reported ABANDONED. Never cached.
     */
    @GET
    @APIResponse(responseCode = "200", description = "The job: its progress, then its outcome and per-row report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RosterImportJob.class)))
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public Response job(@PathParam("id") UUID orgId, @PathParam("importId") UUID importId) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(imports.find(orgId, importId)).cacheControl(noStore).build();
    }
}
