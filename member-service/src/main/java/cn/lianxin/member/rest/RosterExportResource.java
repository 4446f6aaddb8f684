package cn.lianxin.member.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.member.service.MemberAccess;
import cn.lianxin.member.service.RosterExport;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;

/** 党员花名册 export of a subtree; full ID numbers only for an 组织员 who asks, and recorded. */
@Path("/api/v1/orgs/{id}/roster.xlsx")
@Tag(name = "Roster")
public class RosterExportResource {

    private final RosterExport roster;
    private final MemberAccess access;

    public RosterExportResource(RosterExport roster, MemberAccess access) {
        this.roster = roster;
        this.access = access;
    }

    @GET
    @Produces(RosterResource.XLSX)
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.AUDITOR })
    public Response export(@PathParam("id") UUID orgId, @QueryParam("full") String full) {
        String prefix = access.subtreePath(orgId);
        boolean fullIds = Boolean.TRUE.equals(QueryParams.booleanValue("full", full));
        if (fullIds && !access.hasRole(Roles.ORG_ADMIN)) {
            throw new ProblemException(403, "Forbidden", "Only an 组织员 (ORG_ADMIN) may export full ID numbers", java.util.List.of());
        }
        String user = access.userId();
        StreamingOutput body = out -> roster.export(prefix, fullIds, "花名册导出 " + orgId, user, out);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"roster-" + orgId + ".xlsx\"").build();
    }
}
