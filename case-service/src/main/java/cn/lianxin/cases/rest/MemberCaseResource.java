package cn.lianxin.cases.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.cases.service.CaseQueries;
import cn.lianxin.cases.service.CaseViews.CaseSummary;
import cn.lianxin.platform.security.Roles;

@Path("/api/v1/members/{memberId}/cases")
@Tag(name = "Cases")
@Produces(MediaType.APPLICATION_JSON)
public class MemberCaseResource {

    private final CaseQueries queries;

    public MemberCaseResource(CaseQueries queries) {
        this.queries = queries;
    }

    /** Every case file of one member, newest first. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public List<CaseSummary> cases(@PathParam("memberId") UUID memberId) {
        return queries.ofMember(memberId);
    }
}
