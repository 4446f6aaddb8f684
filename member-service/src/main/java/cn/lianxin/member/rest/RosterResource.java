package cn.lianxin.member.rest;

import java.io.InputStream;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.rest.RosterDtos.ImportReport;
import cn.lianxin.member.service.RosterService;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;

/** 党员花名册 import: the documented column layout is {@code RosterColumn}. */
@Path("/api/v1/orgs/{id}/roster")
@Tag(name = "Roster", description = "党员花名册: .xlsx import and export")
public class RosterResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RosterService roster;

    public RosterResource(RosterService roster) {
        this.roster = roster;
    }

    /**
     * All-or-nothing by default (422 listing every row error, nothing imported); {@code ?mode=valid-rows}
     * imports the valid rows and reports the others.
     */
    @POST
    @Consumes({ XLSX, MediaType.APPLICATION_OCTET_STREAM })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY })
    public ImportReport importRoster(@PathParam("id") UUID orgId, @QueryParam("mode") String mode, InputStream body) {
        return roster.importRoster(orgId, body, mode(mode));
    }

    private static RosterService.Mode mode(String mode) {
        if (mode == null || mode.isBlank() || mode.equals("all-or-nothing")) {
            return RosterService.Mode.ALL_OR_NOTHING;
        }
        if (mode.equals("valid-rows")) {
            return RosterService.Mode.VALID_ROWS;
        }
        throw ProblemException.invalidField("mode", "must be all-or-nothing (default) or valid-rows");
    }
}
