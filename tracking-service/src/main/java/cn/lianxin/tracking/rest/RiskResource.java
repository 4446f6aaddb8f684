package cn.lianxin.tracking.rest;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.Roles;
import cn.lianxin.tracking.service.RiskService;
import cn.lianxin.tracking.service.RiskViews.AtRiskList;
import cn.lianxin.tracking.service.RiskViews.MemberRisk;

/** 流失风险: the explainable loss-risk score of a member, and the at-risk list that surfaces members before the clocks fire. */
@Path("/api/v1")
@Tag(name = "Loss risk", description = "流失风险: who is likely to be lost before the clocks say so, and why")
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {

    private final RiskService risks;
    private final Clock clock;

    public RiskResource(RiskService risks, Clock clock) {
        this.risks = risks;
        this.clock = clock;
    }

    @GET
    @Path("/orgs/{orgId}/at-risk")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public AtRiskList atRisk(@PathParam("orgId") UUID orgId, @QueryParam("asOf") String asOf,
            @QueryParam("liaisonId") UUID liaisonId, @QueryParam("limit") String limit) {
        return risks.atRisk(orgId, AsOf.parse(asOf, clock), liaisonId, limit(limit));
    }

    @GET
    @Path("/members/{memberId}/risk")
    @RolesAllowed({ Roles.ADMIN, Roles.ORG_ADMIN, Roles.SECRETARY, Roles.LIAISON, Roles.AUDITOR })
    public MemberRisk risk(@PathParam("memberId") UUID memberId, @QueryParam("asOf") String asOf) {
        return risks.explain(memberId, AsOf.parse(asOf, clock));
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return RiskService.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= RiskService.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("limit", "must be a whole number from 1 to " + RiskService.MAX_LIMIT);
    }
}
